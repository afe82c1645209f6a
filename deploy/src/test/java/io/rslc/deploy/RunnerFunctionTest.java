package io.rslc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The runner Lambda as the Lambda module's contract describes it. */
class RunnerFunctionTest {

    final Template template = Synth.get().assertions;

    @Test
    void runtimeHandlerMemoryTimeoutAndCodeFromTheArtifactParameters() {
        template.resourceCountIs("AWS::Lambda::Function", 1);
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "Runtime", "java21",
                "Handler", "io.rslc.lambda.RunHandler::handleRequest",
                "MemorySize", Map.of("Ref", "RunnerMemoryMB"),
                "Timeout", 900,
                "Code", Match.objectEquals(Map.of(
                        "S3Bucket", Map.of("Ref", "ArtifactBucket"),
                        "S3Key", Map.of("Ref", "ArtifactKey"))),
                "SnapStartConfiguration", Match.absent()));
        template.hasParameter("RunnerMemoryMB", Map.of("Type", "Number", "Default", 1024));
    }

    @Test
    void runsInTheGivenSubnetsWithTheGivenSecurityGroup() {
        template.hasResourceProperties("AWS::Lambda::Function", Map.of(
                "VpcConfig", Match.objectEquals(Map.of(
                        "SubnetIds", Map.of("Ref", "SubnetIds"),
                        "SecurityGroupIds", List.of(Map.of("Ref", "SecurityGroupId"))))));
        template.hasParameter("SubnetIds", Map.of("Type", "List<AWS::EC2::Subnet::Id>"));
        template.hasParameter("SecurityGroupId", Map.of("Type", "AWS::EC2::SecurityGroup::Id"));
    }

    @Test
    void environmentIsTheContract() {
        JsonNode variables = Synth.get().only("AWS::Lambda::Function").get("Properties").get("Environment").get("Variables");
        assertThat(variables.get("RSLC_CONFIG").get("Fn::Sub").asText()).isEqualTo("dynamodb://${ConfigTableName}?region=${AWS::Region}");
        assertThat(variables.get("RSLC_LEASE_TABLE").get("Ref").asText()).isEqualTo("LeaseTable");
        assertThat(variables.get("RSLC_SECRET_ID").get("Ref").asText()).isEqualTo("RedshiftSecretArn");
        assertThat(variables.get("RSLC_WAREHOUSE").asText()).isEqualTo("redshift");
        assertThat(variables.get("RSLC_ROLE_ARN").get("Fn::GetAtt").get(0).asText()).startsWith("UnloadRole");
        assertThat(variables.get("RSLC_REGION").get("Ref").asText()).isEqualTo("AWS::Region");
        assertThat(variables.get("RSLC_CLUSTER").get("Ref").asText()).isEqualTo("RedshiftCluster");
        assertThat(variables.size()).isEqualTo(7);
    }

    @Test
    void logsToItsOwnLogGroupWithTheRetentionParameter() {
        JsonNode function = Synth.get().only("AWS::Lambda::Function").get("Properties");
        String logGroup = function.get("LoggingConfig").get("LogGroup").get("Ref").asText();
        JsonNode group = Synth.get().template.get("Resources").get(logGroup);
        assertThat(group.get("Type").asText()).isEqualTo("AWS::Logs::LogGroup");
        assertThat(group.get("Properties").get("RetentionInDays").get("Ref").asText()).isEqualTo("LogRetentionDays");
        assertThat(group.get("Properties").get("LogGroupName").get("Fn::Sub").asText()).isEqualTo("/rslc/${AWS::StackName}/runner");
    }

    @Test
    void everyLogGroupHasTheRetentionParameter() {
        Synth.get().resources("AWS::Logs::LogGroup").values().forEach(group -> {
            assertThat(group.get("Properties").get("RetentionInDays").get("Ref").asText()).isEqualTo("LogRetentionDays");
            assertThat(group.get("DeletionPolicy").asText()).as("named groups go with the stack").isEqualTo("Delete");
        });
        assertThat(Synth.get().resources("AWS::Logs::LogGroup")).hasSize(2);
    }

    @Test
    void theFunctionIsCreatedAfterItsRoleWithTheVpcPermissions() {
        // Lambda checks the role's EC2 permissions when a VPC function is created: they are inline in the role
        JsonNode function = Synth.get().only("AWS::Lambda::Function");
        String role = function.get("Properties").get("Role").get("Fn::GetAtt").get(0).asText();
        assertThat(function.get("DependsOn")).extracting(JsonNode::asText).contains(role);
        assertThat(Synth.get().template.get("Resources").get(role).get("Properties").get("Policies").toString())
                .contains("ec2:CreateNetworkInterface");
    }
}
