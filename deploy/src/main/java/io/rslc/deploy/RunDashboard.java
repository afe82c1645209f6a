package io.rslc.deploy;

import java.util.List;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.AlarmStatusWidget;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IAlarm;
import software.amazon.awscdk.services.cloudwatch.IWidget;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * One CloudWatch dashboard for the operator's morning look: rows archived and deleted per run, failed tables,
 * the state machine's executions, the runner Lambda's duration and errors, and the alarms.
 *
 * <p>Runs are daily, so graphs use one-day points; the runner's metrics come from its EMF log lines (namespace
 * {@value Alerts#NAMESPACE}, no dimension: one value per run).
 */
public final class RunDashboard extends Construct {

    private static final Duration DAY = Duration.days(1);

    RunDashboard(Construct scope, String id, StateMachine stateMachine, Runner runner, Alerts alerts) {
        super(scope, id);
        MetricOptions daily = MetricOptions.builder().period(DAY).statistic("Sum").build();
        List<IWidget> rows = List.of(
                graph("Rows per run", Alerts.runnerMetric("RowsArchived", DAY), Alerts.runnerMetric("RowsDeleted", DAY)),
                graph("Failed tables", Alerts.runnerMetric("FailedTables", DAY)),
                graph("Executions", stateMachine.metricStarted(daily), stateMachine.metricSucceeded(daily),
                        stateMachine.metricFailed(daily), stateMachine.metricTimedOut(daily)));
        List<IWidget> second = List.of(
                graph("Runner invocations and errors", runner.function().metricInvocations(daily),
                        runner.function().metricErrors(daily), runner.function().metricThrottles(daily)),
                graph("Runner duration (max)", runner.function().metricDuration(
                        MetricOptions.builder().period(DAY).statistic("Maximum").build())),
                AlarmStatusWidget.Builder.create().title("Alarms").width(8).height(6)
                        .alarms(List.<IAlarm>copyOf(alerts.alarms())).build());
        Dashboard.Builder.create(this, "Dashboard")
                .defaultInterval(Duration.days(14))
                .widgets(List.of(rows, second))
                .build();
    }

    private static GraphWidget graph(String title, software.amazon.awscdk.services.cloudwatch.IMetric... metrics) {
        return GraphWidget.Builder.create().title(title).width(8).height(6).left(List.of(metrics)).build();
    }
}
