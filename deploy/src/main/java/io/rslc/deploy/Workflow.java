package io.rslc.deploy;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * The Step Functions state machine that drives the runner ({@link RunLoop} is its definition), with its own log
 * group.
 *
 * <p>A standard (not express) workflow: a run can take hours, and every step stays visible in the execution
 * history. Its timeout is the loop's bound plus slack (48 invocations of at most 15 minutes, plus retries), so
 * a stuck execution ends and is reported. Logging is at level ALL with execution data to a
 * {@code /aws/vendedlogs/} group (the prefix Step Functions recommends, which keeps the log resource policy
 * small); like the runner's, it is deleted with the stack.
 */
public final class Workflow extends Construct {

    /** The execution timeout: {@link RunLoop#MAX_INVOCATIONS} x 15 minutes = 12 hours, plus one for retries. */
    public static final Duration TIMEOUT = Duration.hours(13);

    private final StateMachine stateMachine;

    Workflow(Construct scope, String id, StackParameters parameters, Runner runner) {
        super(scope, id);
        LogGroup logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName(Fn.sub("/aws/vendedlogs/states/${AWS::StackName}-runs"))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(parameters.logRetentionDays());

        stateMachine = StateMachine.Builder.create(this, "StateMachine")
                .comment("rslc: invoke the runner until its report is complete (bounded), once or per entry of $.runs")
                .stateMachineType(StateMachineType.STANDARD)
                .definitionBody(DefinitionBody.fromChainable(RunLoop.definition(this, runner.function())))
                .timeout(TIMEOUT)
                .logs(LogOptions.builder().destination(logGroup).level(LogLevel.ALL).includeExecutionData(true).build())
                .build();
        Nag.suppress(stateMachine.getRole(), Nag.STATES_INVOKE_VERSIONS, Nag.STATES_LOG_DELIVERY);
        Nag.suppress(stateMachine.getNode().getDefaultChild(), Nag.STATES_NO_XRAY);
    }

    /** The state machine the schedule starts and the alarms watch. */
    StateMachine stateMachine() { return stateMachine; }
}
