package io.rslc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The schedule that starts runs, the alarms that watch them, the topic that carries the alarms, the dashboard. */
class ScheduleAndAlertsTest {

    final Template template = Synth.get().assertions;

    @Test
    void scheduleStartsTheStateMachineWithARunEvent() {
        String stateMachine = template.getResourceId("AWS::StepFunctions::StateMachine");
        template.hasResourceProperties("AWS::Scheduler::Schedule", Map.of(
                "ScheduleExpression", Map.of("Ref", "ScheduleExpression"),
                "ScheduleExpressionTimezone", Map.of("Ref", "ScheduleTimezone"),
                "State", Map.of("Ref", "ScheduleState"),
                "FlexibleTimeWindow", Map.of("Mode", "OFF"),
                "Target", Map.of(
                        "Arn", Map.of("Ref", stateMachine),
                        "Input", "{\"action\":\"run\"}")));
        template.hasParameter("ScheduleExpression", Map.of("Default", "cron(0 2 * * ? *)"));
        template.hasParameter("ScheduleState", Map.of("AllowedValues", List.of("ENABLED", "DISABLED")));
    }

    @Test
    void stateMachineIsStandardWithATimeoutAndFullLogging() {
        template.hasResourceProperties("AWS::StepFunctions::StateMachine", Map.of(
                "StateMachineType", "STANDARD",
                "LoggingConfiguration", Map.of("Level", "ALL", "IncludeExecutionData", true)));
        JsonNode definition = Synth.get().only("AWS::StepFunctions::StateMachine").get("Properties").get("DefinitionString");
        assertThat(CfnRender.render(definition)).contains("\"TimeoutSeconds\":" + 13 * 3600);
    }

    @Test
    void alarmOnFailedExecutions() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "AWS/States",
                "MetricName", "ExecutionsFailed",
                "Dimensions", List.of(Map.of("Name", "StateMachineArn",
                        "Value", Map.of("Ref", template.getResourceId("AWS::StepFunctions::StateMachine")))),
                "Statistic", "Sum",
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", template.getResourceId("AWS::SNS::Topic")))));
    }

    @Test
    void alarmOnFailedTablesFromTheRunnersMetrics() {
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of(
                "Namespace", "rslc",
                "MetricName", "FailedTables",
                "Dimensions", Match.absent(),
                "Statistic", "Sum",
                "Period", 3600,
                "Threshold", 1,
                "ComparisonOperator", "GreaterThanOrEqualToThreshold",
                "TreatMissingData", "notBreaching",
                "AlarmActions", List.of(Map.of("Ref", template.getResourceId("AWS::SNS::Topic")))));
        template.hasResourceProperties("AWS::CloudWatch::Alarm", Map.of("MetricName", "ExecutionsTimedOut"));
        template.resourceCountIs("AWS::CloudWatch::Alarm", 3);
    }

    @Test
    void emailSubscriptionOnTheAlertTopicWhichEnforcesSsl() {
        template.hasResourceProperties("AWS::SNS::Subscription", Map.of(
                "Protocol", "email",
                "Endpoint", Map.of("Ref", "AlertEmail"),
                "TopicArn", Map.of("Ref", template.getResourceId("AWS::SNS::Topic"))));
        template.hasResourceProperties("AWS::SNS::TopicPolicy", Map.of("PolicyDocument", Map.of("Statement", List.of(
                Map.of("Effect", "Deny", "Action", "sns:Publish",
                        "Condition", Map.of("Bool", Map.of("aws:SecureTransport", "false")))))));
    }

    @Test
    void dashboardShowsRowsFailedTablesAndExecutions() {
        String body = CfnRenderDashboard.body(Synth.get().only("AWS::CloudWatch::Dashboard"));
        assertThat(body).contains("\"rslc\",\"RowsArchived\"", "\"rslc\",\"RowsDeleted\"", "\"rslc\",\"FailedTables\"",
                "\"AWS/States\",\"ExecutionsStarted\"", "\"AWS/States\",\"ExecutionsFailed\"",
                "\"AWS/Lambda\",\"Duration\"", "\"type\":\"alarm\"");
    }

    /** The dashboard body with every token shown as a placeholder (it is a Fn::Join of text and ARNs). */
    static final class CfnRenderDashboard {
        static String body(JsonNode dashboard) {
            JsonNode body = dashboard.get("Properties").get("DashboardBody");
            StringBuilder out = new StringBuilder();
            for (JsonNode part : body.get("Fn::Join").get(1)) {
                out.append(part.isTextual() ? part.asText() : "<token>");
            }
            return out.toString();
        }
    }
}
