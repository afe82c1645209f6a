package io.rslc.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The configuration table in the original's schema and the lease table: keys, billing, recovery, lifecycle. */
class TablesTest {

    final Template template = Synth.get().assertions;

    @Test
    void configTableHasTheOriginalsKeysOnDemandWithPointInTimeRecovery() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Map.of(
                        "TableName", Map.of("Ref", "ConfigTableName"),
                        "KeySchema", List.of(
                                Map.of("AttributeName", "schema_name", "KeyType", "HASH"),
                                Map.of("AttributeName", "table_name", "KeyType", "RANGE")),
                        "AttributeDefinitions", List.of(
                                Map.of("AttributeName", "schema_name", "AttributeType", "S"),
                                Map.of("AttributeName", "table_name", "AttributeType", "S")),
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)),
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Condition", "CreateConfigTableCondition"));
        template.hasCondition("CreateConfigTableCondition",
                Map.of("Fn::Equals", List.of(Map.of("Ref", "CreateConfigTable"), "true")));
    }

    @Test
    void leaseTableHasTheEnginesKeyAndTtlOnDemandWithPointInTimeRecovery() {
        template.hasResource("AWS::DynamoDB::Table", Map.of(
                "Properties", Map.of(
                        "TableName", Map.of("Fn::Join", List.of("", List.of(Map.of("Ref", "ConfigTableName"), "_leases"))),
                        "KeySchema", List.of(Map.of("AttributeName", "lease_key", "KeyType", "HASH")),
                        "AttributeDefinitions", List.of(Map.of("AttributeName", "lease_key", "AttributeType", "S")),
                        "TimeToLiveSpecification", Map.of("AttributeName", "expires_at", "Enabled", true),
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true)),
                "DeletionPolicy", "Delete",
                "Condition", Match.absent()));
        template.resourceCountIs("AWS::DynamoDB::Table", 2);
    }

    @Test
    void tablesKeepTheirLogicalIds() {
        // renaming a stateful resource's logical id replaces it: these are fixed, not derived from construct paths
        assertThat(Synth.get().template.get("Resources").get("ConfigTable").get("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
        assertThat(Synth.get().template.get("Resources").get("LeaseTable").get("Type").asText()).isEqualTo("AWS::DynamoDB::Table");
    }
}
