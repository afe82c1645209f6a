package io.rslc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The synthesized state machine, parsed from the template's DefinitionString and walked by {@link Asl} with a
 * scripted runner: which states a run passes through and how it ends, for every kind of runner report.
 */
class StateMachineLogicTest {

    static JsonNode definition;

    static final List<String> ONE_RUN_START = List.of("Fan out?", "One run", "Run each");
    static final List<String> INVOCATION = List.of("Run each/Invoke runner", "Run each/Count invocation", "Run each/Complete?");

    @BeforeEach
    void parse() throws JsonProcessingException {
        // per test, not @BeforeAll: where Node.js is missing, each test is reported skipped (not none at all)
        Synth synth = Synth.get();
        if (definition != null) {
            return;
        }
        JsonNode stateMachine = synth.only("AWS::StepFunctions::StateMachine");
        definition = Synth.JSON.readTree(CfnRender.render(stateMachine.get("Properties").get("DefinitionString")));
    }

    @Test
    void completeAtOnceSucceeds() {
        ScriptedRunner runner = new ScriptedRunner(report(true, true));
        Asl.Execution execution = new Asl(definition, runner).run(json("{\"action\":\"run\"}"));

        assertThat(execution.path()).containsExactlyElementsOf(concat(ONE_RUN_START, INVOCATION,
                List.of("Run each/Succeeded?", "Run each/Run succeeded", "Summarize", "All runs succeeded?", "Done")));
        assertThat(execution.succeeded()).isTrue();
        assertThat(execution.output().get("outcomes")).isEqualTo(json("[\"Succeeded\"]"));
        assertThat(runner.events).containsExactly(json("{\"action\":\"run\"}"));
    }

    @Test
    void notCompleteInvokesAgainWithTheSameEvent() {
        ScriptedRunner runner = new ScriptedRunner(report(false, true), report(false, true), report(true, true));
        JsonNode event = json("{\"action\":\"run\",\"only\":[\"sales.orders\"],\"as_of\":\"2024-03-01\",\"budget_seconds\":840}");
        Asl.Execution execution = new Asl(definition, runner).run(event);

        assertThat(execution.path()).containsExactlyElementsOf(concat(ONE_RUN_START, INVOCATION, INVOCATION, INVOCATION,
                List.of("Run each/Succeeded?", "Run each/Run succeeded", "Summarize", "All runs succeeded?", "Done")));
        assertThat(execution.succeeded()).isTrue();
        assertThat(runner.events).containsExactly(event, event, event);
    }

    @Test
    void completeWithFailedTablesFails() {
        Asl.Execution execution = new Asl(definition, new ScriptedRunner(report(false, false), report(true, false))).run(json("{\"action\":\"run\"}"));

        assertThat(execution.path()).containsExactlyElementsOf(concat(ONE_RUN_START, INVOCATION, INVOCATION,
                List.of("Run each/Succeeded?", "Run each/Run had failed tables", "Summarize", "All runs succeeded?",
                        "TablesFailed")));
        assertThat(execution.error()).isEqualTo("TablesFailed");
    }

    @Test
    void neverCompleteStopsAfter48InvocationsWithLoopExhausted() {
        ScriptedRunner runner = new ScriptedRunner(Collections.nCopies(100, report(false, true)));
        Asl.Execution execution = new Asl(definition, runner).run(json("{\"action\":\"run\"}"));

        assertThat(runner.events).hasSize(RunLoop.MAX_INVOCATIONS).hasSize(48);
        assertThat(execution.path()).endsWith("Run each/Complete?", "Run each/Run loop exhausted", "Summarize",
                "All runs succeeded?", "LoopExhausted");
        assertThat(execution.error()).isEqualTo("LoopExhausted");
    }

    /**
     * A table busy under another worker's lease (say, the lease of an invocation Lambda killed at its timeout) is
     * not done: the loop waits, invokes again with the same event, and succeeds once the table was worked.
     */
    @Test
    void aBusyTableIsWaitedForAndInvokedAgain() {
        ScriptedRunner runner = new ScriptedRunner(report(true, true, 1), report(true, true, 1), report(true, true, 0));
        Asl asl = new Asl(definition, runner);
        Asl.Execution execution = asl.run(json("{\"action\":\"run\"}"));

        List<String> waitThenInvoke = concat(List.of("Run each/Wait for busy tables"), INVOCATION);
        assertThat(execution.path()).containsExactlyElementsOf(concat(ONE_RUN_START, INVOCATION, waitThenInvoke,
                waitThenInvoke, List.of("Run each/Succeeded?", "Run each/Run succeeded", "Summarize",
                        "All runs succeeded?", "Done")));
        assertThat(asl.waited).containsExactly(RunLoop.BUSY_WAIT_SECONDS, RunLoop.BUSY_WAIT_SECONDS).contains(60);
        assertThat(runner.events).hasSize(3);
        assertThat(execution.succeeded()).isTrue();
    }

    @Test
    void aTableBusyForEveryInvocationEndsTheLoopExhausted() {
        ScriptedRunner runner = new ScriptedRunner(Collections.nCopies(100, report(true, true, 2)));
        Asl asl = new Asl(definition, runner);
        Asl.Execution execution = asl.run(json("{\"action\":\"run\"}"));

        assertThat(runner.events).hasSize(RunLoop.MAX_INVOCATIONS);
        assertThat(asl.waited).hasSize(RunLoop.MAX_INVOCATIONS - 1);
        assertThat(execution.error()).isEqualTo("LoopExhausted");
    }

    @Test
    void completeOnTheLastAllowedInvocationSucceeds() {
        List<JsonNode> reports = new ArrayList<>(Collections.nCopies(47, report(false, true)));
        reports.add(report(true, true));
        ScriptedRunner runner = new ScriptedRunner(reports);
        Asl.Execution execution = new Asl(definition, runner).run(json("{\"action\":\"run\"}"));

        assertThat(runner.events).hasSize(48);
        assertThat(execution.succeeded()).isTrue();
    }

    @Test
    void lambdaServiceErrorsAreRetriedThenTheLoopGoesOn() {
        ScriptedRunner runner = new ScriptedRunner(List.of(error("Lambda.TooManyRequestsException"), error("Lambda.ServiceException"),
                report(false, true), report(true, true)));
        Asl.Execution execution = new Asl(definition, runner).run(json("{\"action\":\"run\"}"));

        assertThat(execution.path()).containsExactlyElementsOf(concat(ONE_RUN_START,
                List.of("Run each/Invoke runner", "Run each/Invoke runner"), INVOCATION, INVOCATION,
                List.of("Run each/Succeeded?", "Run each/Run succeeded", "Summarize", "All runs succeeded?", "Done")));
        assertThat(execution.succeeded()).isTrue();
    }

    @Test
    void lambdaServiceErrorsBeyondTheRetriesEndInRunnerError() {
        ScriptedRunner runner = new ScriptedRunner(Collections.nCopies(10, error("Lambda.ServiceException")));
        Asl.Execution execution = new Asl(definition, runner).run(json("{\"action\":\"run\"}"));

        assertThat(runner.events).as("the first attempt and six retries").hasSize(7);
        assertThat(execution.path()).endsWith("Run each/Invoke runner", "Run each/Run errored", "Summarize",
                "All runs succeeded?", "RunnerError");
        assertThat(execution.error()).isEqualTo("RunnerError");
    }

    @Test
    void anErrorTheRunnerThrowsIsNotRetried() {
        ScriptedRunner runner = new ScriptedRunner(List.of(error("java.lang.IllegalStateException"), report(true, true)));
        Asl.Execution execution = new Asl(definition, runner).run(json("{\"action\":\"run\"}"));

        assertThat(runner.events).hasSize(1);
        assertThat(execution.path()).containsExactlyElementsOf(concat(ONE_RUN_START, List.of("Run each/Invoke runner",
                "Run each/Run errored", "Summarize", "All runs succeeded?", "RunnerError")));
        assertThat(execution.error()).isEqualTo("RunnerError");
    }

    @Test
    void aReportWithoutCompleteFailsTheExecution() {
        ScriptedRunner runner = new ScriptedRunner(json("{\"succeeded\":true}"));
        Asl.Execution execution = new Asl(definition, runner).run(json("{\"action\":\"run\"}"));

        assertThat(execution.error()).as("a broken contract is not retried or caught").isEqualTo("States.Runtime");
        assertThat(execution.path()).endsWith("Run each/Invoke runner");
    }

    @Test
    void fanOutRunsEveryEventToItsEndEvenWhenOneFails() {
        JsonNode sales = json("{\"action\":\"run\",\"only\":[\"sales.orders\",\"sales.items\"]}");
        JsonNode web = json("{\"action\":\"run\",\"only\":[\"web.events\"]}");
        Map<JsonNode, Deque<JsonNode>> script = new HashMap<>();
        script.put(sales, new ArrayDeque<>(List.of(report(true, false))));
        script.put(web, new ArrayDeque<>(List.of(report(false, true), report(true, true))));
        List<JsonNode> events = new ArrayList<>();
        Function<JsonNode, JsonNode> runner = event -> {
            events.add(event);
            return script.get(event).removeFirst();
        };
        JsonNode input = Synth.JSON.createObjectNode().set("runs", Synth.JSON.createArrayNode().add(sales).add(web));
        Asl.Execution execution = new Asl(definition, runner).run(input);

        assertThat(events).containsExactly(sales, web, web);
        assertThat(execution.path()).containsExactlyElementsOf(concat(List.of("Fan out?", "Run each"),
                INVOCATION, List.of("Run each/Succeeded?", "Run each/Run had failed tables"),
                INVOCATION, INVOCATION, List.of("Run each/Succeeded?", "Run each/Run succeeded"),
                List.of("Summarize", "All runs succeeded?", "TablesFailed")));
        assertThat(execution.error()).isEqualTo("TablesFailed");
    }

    @Test
    void fanOutSucceedsWhenEveryRunSucceeds() {
        JsonNode a = json("{\"action\":\"run\",\"only\":[\"a.t\"]}");
        JsonNode b = json("{\"action\":\"run\",\"only\":[\"b.t\"]}");
        Asl.Execution execution = new Asl(definition, new ScriptedRunner(report(true, true), report(true, true)))
                .run(Synth.JSON.createObjectNode().set("runs", Synth.JSON.createArrayNode().add(a).add(b)));

        assertThat(execution.succeeded()).isTrue();
        assertThat(execution.output().get("outcomes")).isEqualTo(json("[\"Succeeded\",\"Succeeded\"]"));
    }

    @Test
    void theWorstOutcomeOfAFanOutIsTheExecutionsError() {
        // one run errors, one exhausts its loop, one has failed tables: RunnerError is reported first
        JsonNode a = json("{\"action\":\"run\",\"only\":[\"a.t\"]}");
        JsonNode b = json("{\"action\":\"run\",\"only\":[\"b.t\"]}");
        JsonNode c = json("{\"action\":\"run\",\"only\":[\"c.t\"]}");
        Function<JsonNode, JsonNode> runner = event -> {
            String only = event.get("only").get(0).asText();
            if (only.equals("a.t")) {
                throw new Asl.TaskError("java.lang.OutOfMemoryError");
            }
            return only.equals("b.t") ? report(false, true) : report(true, false);
        };
        JsonNode input = Synth.JSON.createObjectNode().set("runs", Synth.JSON.createArrayNode().add(c).add(b).add(a));
        Asl.Execution execution = new Asl(definition, runner).run(input);

        assertThat(execution.error()).isEqualTo("RunnerError");
        assertThat(execution.path()).contains("Run each/Run had failed tables", "Run each/Run loop exhausted",
                "Run each/Run errored");
    }

    @Test
    void theShapeTheInterpreterReliesOn() {
        JsonNode map = definition.get("States").get("Run each");
        assertThat(map.get("MaxConcurrency").asInt()).isEqualTo(RunLoop.MAX_CONCURRENT_RUNS);
        JsonNode invoke = map.get("ItemProcessor").get("States").get("Invoke runner");
        assertThat(invoke.get("Parameters").get("FunctionName").asText()).isEqualTo(CfnRender.RUNNER_ARN);
        assertThat(invoke.get("Retry").get(0).get("ErrorEquals")).extracting(JsonNode::asText)
                .containsExactlyElementsOf(RunLoop.RETRIED_ERRORS);
        assertThat(invoke.get("Catch").get(0).get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
        assertThat(definition.get("TimeoutSeconds").asLong()).as("the execution timeout")
                .isEqualTo(Workflow.TIMEOUT.toSeconds().longValue())
                .isGreaterThan(RunLoop.MAX_INVOCATIONS * Runner.TIMEOUT.toSeconds().longValue());
    }

    /** The runner Lambda, scripted: answers each invocation with the next report or error, and keeps the events. */
    static final class ScriptedRunner implements Function<JsonNode, JsonNode> {
        final Deque<JsonNode> script;
        final List<JsonNode> events = new ArrayList<>();

        ScriptedRunner(JsonNode... reports) {
            this(List.of(reports));
        }

        ScriptedRunner(List<JsonNode> reports) {
            script = new ArrayDeque<>(reports);
        }

        @Override
        public JsonNode apply(JsonNode event) {
            events.add(event);
            JsonNode next = script.removeFirst();
            if (next.has("error")) {
                throw new Asl.TaskError(next.get("error").asText());
            }
            return next;
        }
    }

    static JsonNode report(boolean complete, boolean succeeded) {
        return report(complete, succeeded, 0);
    }

    static JsonNode report(boolean complete, boolean succeeded, int busy) {
        return json("{\"runId\":\"r\",\"complete\":" + complete + ",\"succeeded\":" + succeeded + ",\"busy\":"
                + busy + ",\"rowsArchived\":10,\"rowsDeleted\":10,\"tables\":[],\"errors\":[]}");
    }

    static JsonNode error(String name) {
        return json("{\"error\":\"" + name + "\"}");
    }

    static JsonNode json(String text) {
        try {
            return Synth.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @SafeVarargs
    static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }
}
