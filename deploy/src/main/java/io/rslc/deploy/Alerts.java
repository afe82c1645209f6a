package io.rslc.deploy;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.sns.Subscription;
import software.amazon.awscdk.services.sns.SubscriptionProtocol;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Who hears about a bad run, and how: an SNS topic with the {@code AlertEmail} subscription, and alarms on the
 * state machine's failed and timed-out executions and on the runner's {@code FailedTables} metric.
 *
 * <p>Two views of one incident on purpose: the execution alarm covers every way a scheduled run can go wrong
 * (failed tables, a loop that never completes, a runner that cannot start), while {@code FailedTables} (the
 * runner's own EMF metric, namespace {@value #NAMESPACE}, no dimension, one value per run) also covers runs
 * started outside the state machine. Missing data is not breaching: no run, no alarm.
 */
public final class Alerts extends Construct {

    /** The CloudWatch namespace of the runner's EMF metrics. */
    public static final String NAMESPACE = "rslc";

    private final Topic topic;
    private final List<Alarm> alarms;

    Alerts(Construct scope, String id, StackParameters parameters, StateMachine stateMachine) {
        super(scope, id);
        topic = Topic.Builder.create(this, "Topic")
                .displayName("rslc alerts")
                .enforceSsl(true)
                .build();
        Subscription.Builder.create(this, "Email")
                .topic(topic).protocol(SubscriptionProtocol.EMAIL).endpoint(parameters.alertEmail())
                .build();

        MetricOptions fiveMinuteSum = MetricOptions.builder().period(Duration.minutes(5)).statistic("Sum").build();
        alarms = List.of(
                alarm("ExecutionsFailed", "An rslc run failed (tables failed, loop exhausted or runner error)",
                        stateMachine.metricFailed(fiveMinuteSum)),
                alarm("ExecutionsTimedOut", "An rslc run timed out",
                        stateMachine.metricTimedOut(fiveMinuteSum)),
                alarm("FailedTables", "The rslc runner reported failed tables",
                        failedTables()));
        SnsAction notify = new SnsAction(topic);
        alarms.forEach(alarm -> alarm.addAlarmAction(notify));
    }

    private Alarm alarm(String id, String description, Metric metric) {
        return Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(1)
                .comparisonOperator(ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD)
                .evaluationPeriods(1)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
    }

    /** The runner's per-run count of failed tables (EMF, no dimension). */
    static Metric failedTables() {
        return runnerMetric("FailedTables", Duration.hours(1));
    }

    /** A metric the runner writes in EMF, summed over {@code period}, without dimensions (per run). */
    static Metric runnerMetric(String name, Duration period) {
        return Metric.Builder.create().namespace(NAMESPACE).metricName(name).statistic("Sum").period(period).build();
    }

    /** The alert topic (the e-mail subscription hangs off it). */
    Topic topic() { return topic; }

    /** The alarms, in the dashboard's order. */
    List<Alarm> alarms() { return alarms; }
}
