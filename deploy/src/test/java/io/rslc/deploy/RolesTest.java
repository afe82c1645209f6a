package io.rslc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * Every IAM role of the stack with every statement it gets (inline, or through an attached AWS::IAM::Policy),
 * compared in full: a new permission anywhere fails this test until it is added here on purpose. {@code *} as a
 * resource is allowed only for actions that have no resource-level permissions.
 */
class RolesTest {

    /** Actions IAM cannot scope to a resource: the only ones allowed on {@code "*"}. */
    static final Set<String> UNSCOPABLE = Set.of("ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets",
            "logs:CreateLogDelivery", "logs:GetLogDelivery", "logs:UpdateLogDelivery", "logs:DeleteLogDelivery",
            "logs:ListLogDeliveries", "logs:PutResourcePolicy", "logs:DescribeResourcePolicies", "logs:DescribeLogGroups");

    @Test
    void runnerRole() {
        assertThat(statements("lambda.amazonaws.com")).containsExactlyInAnyOrder(
                "ConfigTable: dynamodb:BatchWriteItem, dynamodb:DescribeTable, dynamodb:GetItem, dynamodb:Query, dynamodb:Scan, dynamodb:UpdateItem"
                        + " -> arn:<AWS::Partition>:dynamodb:<AWS::Region>:<AWS::AccountId>:table/<ConfigTableName>",
                "LeaseTable: dynamodb:DeleteItem, dynamodb:DescribeTable, dynamodb:GetItem, dynamodb:PutItem, dynamodb:UpdateItem"
                        + " -> <LeaseTable.Arn>",
                "WarehouseSecret: secretsmanager:GetSecretValue -> <RedshiftSecretArn>",
                "ConfigFiles: s3:GetObject -> arn:<AWS::Partition>:s3:::<ConfigBucket>/<ConfigPrefix>*",
                "OwnLogGroup: logs:CreateLogStream, logs:PutLogEvents -> <RunnerLogs.Arn>",
                "DescribeNetworkInterfaces: ec2:DescribeNetworkInterfaces, ec2:DescribeSubnets -> *",
                "ManageNetworkInterfaces: ec2:AssignPrivateIpAddresses, ec2:CreateNetworkInterface, ec2:DeleteNetworkInterface,"
                        + " ec2:UnassignPrivateIpAddresses -> arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:*/*");
    }

    @Test
    void unloadRoleReachesTheArchivePrefixOnly() {
        assertThat(statements("redshift.amazonaws.com")).containsExactlyInAnyOrder(
                "ArchiveObjects: s3:DeleteObject, s3:GetObject, s3:PutObject -> arn:<AWS::Partition>:s3:::<ArchiveBucket>/<ArchivePrefix>*",
                "ListArchivePrefix: s3:ListBucket -> arn:<AWS::Partition>:s3:::<ArchiveBucket>"
                        + " if {\"StringLike\":{\"s3:prefix\":[\"<ArchivePrefix>*\"]}}",
                "ArchiveBucketRegion: s3:GetBucketLocation -> arn:<AWS::Partition>:s3:::<ArchiveBucket>");
    }

    @Test
    void stateMachineRoleInvokesTheRunnerAndDeliversLogs() {
        assertThat(statements("states.amazonaws.com")).containsExactlyInAnyOrder(
                "lambda:InvokeFunction -> <RunnerFunction.Arn>, <RunnerFunction.Arn>:*",
                "logs:CreateLogDelivery, logs:DeleteLogDelivery, logs:DescribeLogGroups, logs:DescribeResourcePolicies,"
                        + " logs:GetLogDelivery, logs:ListLogDeliveries, logs:PutResourcePolicy, logs:UpdateLogDelivery -> *");
    }

    @Test
    void scheduleRoleStartsTheStateMachineOnly() {
        assertThat(statements("scheduler.amazonaws.com")).containsExactly(
                "StartRun: states:StartExecution -> <RunsStateMachine>");
        JsonNode trust = role("scheduler.amazonaws.com").get("Properties").get("AssumeRolePolicyDocument").get("Statement").get(0);
        assertThat(trust.get("Condition").toString()).isEqualTo("{\"StringEquals\":{\"aws:SourceAccount\":{\"Ref\":\"AWS::AccountId\"}}}");
    }

    @Test
    void everyRoleIsOneOfThoseAndNoneHasManagedPolicies() {
        Map<String, JsonNode> roles = Synth.get().resources("AWS::IAM::Role");
        assertThat(roles.values()).extracting(RolesTest::principal).containsExactlyInAnyOrder(
                "lambda.amazonaws.com", "redshift.amazonaws.com", "states.amazonaws.com", "scheduler.amazonaws.com");
        roles.values().forEach(role -> assertThat(role.get("Properties").has("ManagedPolicyArns")).isFalse());
    }

    @Test
    void wildcardResourcesOnlyForActionsWithoutResourceLevelPermissions() {
        for (JsonNode statement : allStatements()) {
            List<String> resources = strings(statement.get("Resource"));
            List<String> actions = strings(statement.get("Action"));
            assertThat(actions).as("no action wildcards").noneMatch(action -> action.contains("*"));
            if (resources.contains("*")) {
                assertThat(actions).as("actions on '*'").allMatch(UNSCOPABLE::contains);
            }
        }
    }

    /** The statements of the role that {@code principal} assumes, as one line each. */
    static List<String> statements(String principal) {
        String roleId = Synth.get().resources("AWS::IAM::Role").entrySet().stream()
                .filter(entry -> principal.equals(principal(entry.getValue()))).findFirst().orElseThrow().getKey();
        List<String> lines = new ArrayList<>();
        for (JsonNode policy : role(principal).get("Properties").path("Policies")) {
            policy.get("PolicyDocument").get("Statement").forEach(statement -> lines.add(line(statement)));
        }
        for (JsonNode policy : Synth.get().resources("AWS::IAM::Policy").values()) {
            for (JsonNode attached : policy.get("Properties").get("Roles")) {
                if (roleId.equals(attached.path("Ref").asText())) {
                    policy.get("Properties").get("PolicyDocument").get("Statement").forEach(statement -> lines.add(line(statement)));
                }
            }
        }
        return lines;
    }

    static JsonNode role(String principal) {
        return Synth.get().resources("AWS::IAM::Role").values().stream()
                .filter(role -> principal.equals(principal(role))).findFirst().orElseThrow();
    }

    static String principal(JsonNode role) {
        JsonNode statements = role.get("Properties").get("AssumeRolePolicyDocument").get("Statement");
        assertThat(statements.size()).isEqualTo(1);
        return statements.get(0).get("Principal").get("Service").asText();
    }

    static List<JsonNode> allStatements() {
        List<JsonNode> all = new ArrayList<>();
        Synth.get().resources("AWS::IAM::Role").values().forEach(role ->
                role.get("Properties").path("Policies").forEach(policy -> policy.get("PolicyDocument").get("Statement").forEach(all::add)));
        Synth.get().resources("AWS::IAM::Policy").values().forEach(policy ->
                policy.get("Properties").get("PolicyDocument").get("Statement").forEach(all::add));
        return all;
    }

    static String line(JsonNode statement) {
        assertThat(statement.get("Effect").asText()).isEqualTo("Allow");
        String sid = statement.has("Sid") ? statement.get("Sid").asText() + ": " : "";
        List<String> actions = strings(statement.get("Action")).stream().sorted().toList();
        String condition = statement.has("Condition") ? " if " + flatten(statement.get("Condition")).toString() : "";
        return sid + String.join(", ", actions) + " -> " + String.join(", ", strings(statement.get("Resource"))) + condition;
    }

    static List<String> strings(JsonNode value) {
        if (value.isArray()) {
            return StreamSupport.stream(value.spliterator(), false).map(RolesTest::flat).toList();
        }
        return List.of(flat(value));
    }

    /**
     * A value as cdk-nag shows it: {@code Ref} as {@code <Name>}, {@code Fn::GetAtt} as {@code <Name.Attr>},
     * {@code Fn::Sub} with {@code ${x}} as {@code <x>}, joins joined; CDK's 8-digit hash suffixes dropped.
     */
    static String flat(JsonNode value) {
        String text;
        if (value.isTextual()) {
            text = value.asText();
        } else if (value.has("Ref")) {
            text = "<" + value.get("Ref").asText() + ">";
        } else if (value.has("Fn::GetAtt")) {
            text = "<" + value.get("Fn::GetAtt").get(0).asText() + "." + value.get("Fn::GetAtt").get(1).asText() + ">";
        } else if (value.has("Fn::Sub")) {
            text = value.get("Fn::Sub").asText().replace("${", "<").replace("}", ">");
        } else if (value.has("Fn::Join")) {
            List<String> parts = StreamSupport.stream(value.get("Fn::Join").get(1).spliterator(), false).map(RolesTest::flat).toList();
            text = String.join(value.get("Fn::Join").get(0).asText(), parts);
        } else {
            throw new AssertionError("unexpected value " + value);
        }
        return text.replaceAll("<([A-Za-z]+)[0-9A-F]{8}([.>])", "<$1$2");
    }

    /** A condition block with every value flattened, keys sorted. */
    static JsonNode flatten(JsonNode node) {
        if (node.isObject() && !node.has("Ref") && !node.has("Fn::Sub") && !node.has("Fn::GetAtt") && !node.has("Fn::Join")) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(field -> sorted.put(field.getKey(), flatten(field.getValue())));
            return Synth.JSON.valueToTree(sorted);
        }
        if (node.isArray()) {
            return Synth.JSON.valueToTree(StreamSupport.stream(node.spliterator(), false).map(RolesTest::flatten).toList());
        }
        return Synth.JSON.getNodeFactory().textNode(flat(node));
    }
}
