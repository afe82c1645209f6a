package io.rslc.deploy;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.stepfunctions.CatchProps;
import software.amazon.awscdk.services.stepfunctions.Choice;
import software.amazon.awscdk.services.stepfunctions.Condition;
import software.amazon.awscdk.services.stepfunctions.Errors;
import software.amazon.awscdk.services.stepfunctions.Fail;
import software.amazon.awscdk.services.stepfunctions.IChainable;
import software.amazon.awscdk.services.stepfunctions.JitterType;
import software.amazon.awscdk.services.stepfunctions.Pass;
import software.amazon.awscdk.services.stepfunctions.Result;
import software.amazon.awscdk.services.stepfunctions.RetryProps;
import software.amazon.awscdk.services.stepfunctions.Succeed;
import software.amazon.awscdk.services.stepfunctions.TaskInput;
import software.amazon.awscdk.services.stepfunctions.Wait;
import software.amazon.awscdk.services.stepfunctions.WaitTime;
import software.amazon.awscdk.services.stepfunctions.tasks.LambdaInvoke;
import software.constructs.Construct;

/**
 * The state machine's definition: invoke the runner until its report says {@code complete}, a bounded number of
 * times, once or once per entry of the input's {@code runs} (in parallel), then succeed or fail by the reports.
 *
 * <p>The runner stops at its time budget (a Lambda lives 15 minutes) and reports {@code "complete": false} while
 * slices remain; it is safe to invoke again, since every slice commits on its own. So one run is a loop:
 * <pre>
 *   Invoke runner -&gt; Count invocation -&gt; Complete?
 *     complete, busy == 0   -&gt; Run succeeded (succeeded == true) or Run had failed tables
 *     invocations &gt;= 48    -&gt; Run loop exhausted
 *     complete, busy &gt; 0    -&gt; Wait for busy tables (60 s) -&gt; Invoke runner
 *     otherwise             -&gt; Invoke runner
 *   (a Lambda service error is retried; anything the retries do not cure -&gt; Run errored)
 * </pre>
 * The loop sits in a Map state, so that an input {@code {"runs": [event, event, ...]}} fans out: one loop per
 * runner event, say one per schema with {@code "only"} listing its tables, up to {@value #MAX_CONCURRENT_RUNS} at
 * a time, the leases keeping them off each other's tables. Any other input is one runner event, wrapped as a
 * one-entry {@code runs}. Each loop ends in an outcome ({@code Succeeded}, {@code TablesFailed},
 * {@code LoopExhausted}, {@code RunnerError}) instead of failing, so one schema's failure never stops the
 * others; the execution then fails with the worst outcome as its error, which the ExecutionsFailed alarm reports.
 *
 * A busy table (another worker holds its lease or run lock; after an invocation killed at Lambda's timeout, its
 * own lease until it expires) is not done: the loop waits and invokes again rather than end "succeeded" with the
 * table's work undone, and a table busy for 48 invocations ends the run as exhausted, which the alarm reports.
 *
 * <p>The state data carries only the three report fields the loop needs ({@code complete}, {@code succeeded},
 * {@code busy}): a
 * full report can exceed Step Functions' 256 KB payload limit, and the report is in the runner's log anyway.
 */
public final class RunLoop {

    /** Invocations per run before the loop gives up: 48 x 15 minutes = 12 hours. */
    public static final int MAX_INVOCATIONS = 48;

    /**
     * Seconds the loop waits before invoking again when a table was busy (another worker's lease or run lock, e.g.
     * the lease of an invocation Lambda killed at its timeout, which lasts until it expires).
     */
    public static final int BUSY_WAIT_SECONDS = 60;

    /** Runs of a fan-out invoked at the same time. */
    public static final int MAX_CONCURRENT_RUNS = 4;

    /** The execution's error when a runner reported failed tables or invalid rules. */
    public static final String TABLES_FAILED = "TablesFailed";

    /** The execution's error when a run was not complete after {@link #MAX_INVOCATIONS} invocations. */
    public static final String LOOP_EXHAUSTED = "LoopExhausted";

    /** The execution's error when the runner could not be invoked or threw (after the retries). */
    public static final String RUNNER_ERROR = "RunnerError";

    /** The outcome of a run that completed with every table done. */
    public static final String SUCCEEDED = "Succeeded";

    /** Lambda's transient errors: retried with backoff before a run is given up as {@link #RUNNER_ERROR}. */
    public static final List<String> RETRIED_ERRORS = List.of("Lambda.ServiceException", "Lambda.AWSLambdaException",
            "Lambda.SdkClientException", "Lambda.TooManyRequestsException", "Lambda.ClientExecutionTimeoutException");

    private RunLoop() {
    }

    /** The whole definition: route the input, run the loops, judge their outcomes. */
    static IChainable definition(Construct scope, IFunction runner) {
        software.amazon.awscdk.services.stepfunctions.Map runEach =
                software.amazon.awscdk.services.stepfunctions.Map.Builder.create(scope, "RunEach")
                        .stateName("Run each")
                        .comment("One runner loop per entry of $.runs")
                        .itemsPath("$.runs")
                        .itemSelector(Ordered.map("event.$", "$$.Map.Item.Value", "loop", Ordered.map("invocations", 0)))
                        .maxConcurrency(MAX_CONCURRENT_RUNS)
                        .resultPath("$.outcomes")
                        .build();
        runEach.itemProcessor(loop(scope, runner));

        Pass oneRun = Pass.Builder.create(scope, "OneRun").stateName("One run")
                .comment("The input is one runner event")
                .parameters(Ordered.map("runs.$", "States.Array($)"))
                .build();
        Choice fanOut = Choice.Builder.create(scope, "FanOut").stateName("Fan out?").build()
                .when(Condition.isPresent("$.runs"), runEach)
                .otherwise(oneRun.next(runEach));

        Pass summarize = Pass.Builder.create(scope, "Summarize").stateName("Summarize")
                .parameters(Ordered.map(
                        "outcomes.$", "$.outcomes",
                        "runnerError.$", "States.ArrayContains($.outcomes, '" + RUNNER_ERROR + "')",
                        "loopExhausted.$", "States.ArrayContains($.outcomes, '" + LOOP_EXHAUSTED + "')",
                        "tablesFailed.$", "States.ArrayContains($.outcomes, '" + TABLES_FAILED + "')"))
                .build();
        Choice judge = Choice.Builder.create(scope, "Judge").stateName("All runs succeeded?").build()
                .when(Condition.booleanEquals("$.runnerError", true), fail(scope, RUNNER_ERROR,
                        "a runner could not be invoked or failed; see the execution history and the runner's log group"))
                .when(Condition.booleanEquals("$.loopExhausted", true), fail(scope, LOOP_EXHAUSTED,
                        "a run was not complete after " + MAX_INVOCATIONS + " invocations; the next run goes on"))
                .when(Condition.booleanEquals("$.tablesFailed", true), fail(scope, TABLES_FAILED,
                        "a runner reported failed tables or invalid rules; see the runner's log group"))
                .otherwise(Succeed.Builder.create(scope, "Done").stateName("Done").build());
        runEach.next(summarize).next(judge);
        return fanOut;
    }

    /** One run: the runner invoked until complete, at most {@link #MAX_INVOCATIONS} times. */
    private static IChainable loop(Construct scope, IFunction runner) {
        LambdaInvoke invoke = LambdaInvoke.Builder.create(scope, "InvokeRunner").stateName("Invoke runner")
                .lambdaFunction(runner)
                .payload(TaskInput.fromJsonPathAt("$.event"))
                .resultSelector(Ordered.map("complete.$", "$.Payload.complete", "succeeded.$", "$.Payload.succeeded",
                        "busy.$", "$.Payload.busy"))
                .resultPath("$.report")
                .retryOnServiceExceptions(false)
                .build();
        invoke.addRetry(RetryProps.builder().errors(RETRIED_ERRORS)
                .interval(Duration.seconds(2)).maxAttempts(6).backoffRate(2).jitterStrategy(JitterType.FULL).build());
        invoke.addCatch(outcome(scope, "RunErrored", "Run errored", RUNNER_ERROR),
                CatchProps.builder().errors(List.of(Errors.ALL)).resultPath("$.error").build());

        Pass count = Pass.Builder.create(scope, "CountInvocation").stateName("Count invocation")
                .parameters(Ordered.map("invocations.$", "States.MathAdd($.loop.invocations, 1)"))
                .resultPath("$.loop")
                .build();
        Choice succeeded = Choice.Builder.create(scope, "Succeeded").stateName("Succeeded?").build()
                .when(Condition.booleanEquals("$.report.succeeded", true),
                        outcome(scope, "RunSucceeded", "Run succeeded", SUCCEEDED))
                .otherwise(outcome(scope, "RunTablesFailed", "Run had failed tables", TABLES_FAILED));
        Wait waitForBusy = Wait.Builder.create(scope, "WaitForBusyTables").stateName("Wait for busy tables")
                .time(WaitTime.duration(Duration.seconds(BUSY_WAIT_SECONDS))).build();
        waitForBusy.next(invoke);
        Choice complete = Choice.Builder.create(scope, "Complete").stateName("Complete?").build()
                .when(Condition.and(Condition.booleanEquals("$.report.complete", true),
                        Condition.numberEquals("$.report.busy", 0)), succeeded)
                .when(Condition.numberGreaterThanEquals("$.loop.invocations", MAX_INVOCATIONS),
                        outcome(scope, "RunLoopExhausted", "Run loop exhausted", LOOP_EXHAUSTED))
                .when(Condition.booleanEquals("$.report.complete", true), waitForBusy)
                .otherwise(invoke);
        return invoke.next(count).next(complete);
    }

    private static Pass outcome(Construct scope, String id, String name, String outcome) {
        return Pass.Builder.create(scope, id).stateName(name).result(Result.fromString(outcome)).build();
    }

    private static Fail fail(Construct scope, String error, String cause) {
        return Fail.Builder.create(scope, error).stateName(error).error(error).cause(cause).build();
    }
}
