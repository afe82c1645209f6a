package io.rslc.deploy;

import java.util.List;

import software.amazon.awscdk.Aws;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.scheduler.CfnSchedule;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * The EventBridge Scheduler schedule that starts a run: {@code {"action": "run"}} into the state machine at
 * {@code ScheduleExpression} in {@code ScheduleTimezone}.
 *
 * <p>Scheduler rather than an EventBridge rule: it takes a time zone (a 02:00 local run stays at 02:00 across
 * daylight saving time) and can be deployed {@code DISABLED} so the configuration is loaded before the first run.
 * Its role may start this one state machine, and only schedules of this account can assume it (the
 * confused-deputy condition Scheduler documents).
 */
public final class RunSchedule extends Construct {

    /** What every scheduled execution gets as input: a plain run of the whole configuration, as of today. */
    public static final String INPUT = "{\"action\":\"run\"}";

    RunSchedule(Construct scope, String id, StackParameters parameters, StateMachine stateMachine) {
        super(scope, id);
        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("scheduler.amazonaws.com").withConditions(
                        Ordered.map("StringEquals", Ordered.map("aws:SourceAccount", Aws.ACCOUNT_ID))))
                .description("EventBridge Scheduler: start the rslc state machine")
                .inlinePolicies(Ordered.map("StartRun", PolicyDocument.Builder.create().statements(List.of(
                        PolicyStatement.Builder.create().sid("StartRun").effect(Effect.ALLOW)
                                .actions(List.of("states:StartExecution"))
                                .resources(List.of(stateMachine.getStateMachineArn())).build())).build()))
                .build();

        CfnSchedule.Builder.create(this, "Schedule")
                .description("Starts the rslc run")
                .scheduleExpression(parameters.scheduleExpression())
                .scheduleExpressionTimezone(parameters.scheduleTimezone())
                .state(parameters.scheduleState())
                .flexibleTimeWindow(CfnSchedule.FlexibleTimeWindowProperty.builder().mode("OFF").build())
                .target(CfnSchedule.TargetProperty.builder()
                        .arn(stateMachine.getStateMachineArn())
                        .roleArn(role.getRoleArn())
                        .input(INPUT)
                        .build())
                .build();
    }
}
