package io.rslc.deploy;

import software.amazon.awscdk.CfnResource;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.constructs.Construct;

/**
 * The two DynamoDB tables the runner reads and writes: the configuration (one item per managed table, the
 * original sample's schema, unchanged so its loader and rslc read the same items) and the leases that keep two
 * runners off the same table when a run fans out.
 *
 * <p>Both are on-demand (a daily run reads a few dozen items) with point-in-time recovery. The configuration
 * table is kept when the stack is deleted (it holds the checkpoints) and is optional: with
 * {@code CreateConfigTable=false} the stack uses an existing table of that name, which is how the original's
 * table is adopted. The lease table holds nothing worth keeping (leases expire after minutes) and is deleted
 * with the stack, so a new stack can create it again. Policies name both tables by ARN built from the name, so
 * they are the same whether or not the stack created the configuration table.
 */
public final class Tables extends Construct {

    /** The leases' time-to-live attribute (epoch seconds), as the engine writes it. */
    public static final String LEASE_EXPIRY_ATTRIBUTE = "expires_at";

    private final String configTableName;
    private final String configTableArn;
    private final Table leases;

    Tables(Construct scope, String id, StackParameters parameters) {
        super(scope, id);
        configTableName = parameters.configTableName();
        configTableArn = Fn.sub("arn:${AWS::Partition}:dynamodb:${AWS::Region}:${AWS::AccountId}:table/${ConfigTableName}");

        Table config = Table.Builder.create(this, "Config")
                .tableName(configTableName)
                .partitionKey(Attribute.builder().name("schema_name").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("table_name").type(AttributeType.STRING).build())
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(pitr())
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        CfnResource configResource = (CfnResource) config.getNode().getDefaultChild();
        configResource.getCfnOptions().setCondition(parameters.createConfigTable());
        configResource.overrideLogicalId("ConfigTable");

        leases = Table.Builder.create(this, "Leases")
                .tableName(configTableName + "_leases")
                .partitionKey(Attribute.builder().name("lease_key").type(AttributeType.STRING).build())
                .timeToLiveAttribute(LEASE_EXPIRY_ATTRIBUTE)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(pitr())
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ((CfnResource) leases.getNode().getDefaultChild()).overrideLogicalId("LeaseTable");
    }

    private static PointInTimeRecoverySpecification pitr() {
        return PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build();
    }

    /** The configuration table's name (the {@code ConfigTableName} parameter). */
    String configTableName() { return configTableName; }

    /** The configuration table's ARN, built from its name (the table may not be this stack's). */
    String configTableArn() { return configTableArn; }

    /** The lease table's name. */
    String leaseTableName() { return leases.getTableName(); }

    /** The lease table's ARN. */
    String leaseTableArn() { return leases.getTableArn(); }
}
