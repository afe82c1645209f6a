package io.rslc.deploy;

import java.util.List;

import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.iam.Effect;
import software.amazon.awscdk.services.iam.PolicyDocument;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.iam.Role;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.s3.Bucket;
import software.constructs.Construct;

/**
 * The runner: the rslc Lambda (one jar, built and uploaded by its own module) with its log group and a role
 * that can do what a run does and nothing more.
 *
 * <p>The code comes from {@code s3://ArtifactBucket/ArtifactKey} ({@code Code.fromBucket}), not from a local
 * asset, so the committed template does not change when the jar does. The function runs in the given subnets
 * with the given security group (it reaches the warehouse over JDBC); the subnets and security group are
 * CloudFormation parameters, so the VPC configuration is set on the CloudFormation resource rather than through
 * an {@code IVpc} that would need the VPC's shape at synth time.
 *
 * <p>The log group is named {@code /rslc/<stack name>/runner} and deleted with the stack (a retained group of
 * that name would make the next stack of the same name fail to create).
 *
 * <p>Its role reads and updates the configuration table (rules, checkpoints, and the {@code load} action's
 * writes), takes and releases leases, reads the one warehouse secret, reads configuration CSV files under
 * {@code ConfigPrefix}, writes its own log group, and manages its VPC network interfaces. It has no S3 access
 * to the archive: on Redshift, UNLOAD writes it with {@link UnloadRole}.
 */
public final class Runner extends Construct {

    /** The handler class and method of the runner jar (the Lambda module's contract). */
    public static final String HANDLER = "io.rslc.lambda.RunHandler::handleRequest";

    /** Lambda's own limit, and the runner's time budget per invocation. */
    public static final Duration TIMEOUT = Duration.minutes(15);

    private final Function function;
    private final LogGroup logGroup;

    Runner(Construct scope, String id, StackParameters parameters, Tables tables, UnloadRole unloadRole) {
        super(scope, id);
        logGroup = LogGroup.Builder.create(this, "Logs")
                .logGroupName(Fn.sub("/rslc/${AWS::StackName}/runner"))
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        ((CfnLogGroup) logGroup.getNode().getDefaultChild()).setRetentionInDays(parameters.logRetentionDays());

        Role role = Role.Builder.create(this, "Role")
                .assumedBy(new ServicePrincipal("lambda.amazonaws.com"))
                .description("rslc runner Lambda: configuration and lease tables, the warehouse secret, its logs")
                .inlinePolicies(Ordered.map(
                        "Tables", document(
                                allow("ConfigTable", tables.configTableArn(), "dynamodb:DescribeTable",
                                        "dynamodb:Scan", "dynamodb:Query", "dynamodb:GetItem", "dynamodb:UpdateItem",
                                        "dynamodb:BatchWriteItem"),
                                allow("LeaseTable", tables.leaseTableArn(), "dynamodb:DescribeTable",
                                        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem",
                                        "dynamodb:DeleteItem")),
                        "WarehouseSecret", document(
                                allow("WarehouseSecret", parameters.secretArn(), "secretsmanager:GetSecretValue")),
                        "ConfigFiles", document(
                                allow("ConfigFiles", Fn.sub("arn:${AWS::Partition}:s3:::${ConfigBucket}/${ConfigPrefix}*"),
                                        "s3:GetObject")),
                        "Logs", document(
                                allow("OwnLogGroup", logGroup.getLogGroupArn(), "logs:CreateLogStream",
                                        "logs:PutLogEvents")),
                        "VpcNetworkInterfaces", document(
                                allow("DescribeNetworkInterfaces", "*",
                                        "ec2:DescribeNetworkInterfaces", "ec2:DescribeSubnets"),
                                allow("ManageNetworkInterfaces",
                                        Fn.sub("arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:*/*"),
                                        "ec2:CreateNetworkInterface", "ec2:DeleteNetworkInterface",
                                        "ec2:AssignPrivateIpAddresses", "ec2:UnassignPrivateIpAddresses"))))
                .build();
        Nag.suppress(role, Nag.RUNNER_CONFIG_FILES, Nag.RUNNER_NETWORK_INTERFACES);

        function = Function.Builder.create(this, "Function")
                .description("rslc runner: archives, deletes and vacuums due slices until its time budget is spent")
                .runtime(Runtime.JAVA_21)
                .handler(HANDLER)
                .code(Code.fromBucket(Bucket.fromBucketName(this, "Artifact", parameters.artifactBucket()),
                        parameters.artifactKey()))
                .memorySize(parameters.memoryMb())
                .timeout(TIMEOUT)
                .role(role)
                .logGroup(logGroup)
                .environment(Ordered.map(
                        "RSLC_CONFIG", Fn.sub("dynamodb://${ConfigTableName}?region=${AWS::Region}"),
                        "RSLC_LEASE_TABLE", tables.leaseTableName(),
                        "RSLC_SECRET_ID", parameters.secretArn(),
                        "RSLC_WAREHOUSE", "redshift",
                        "RSLC_ROLE_ARN", unloadRole.roleArn(),
                        "RSLC_REGION", Aws.REGION,
                        "RSLC_CLUSTER", parameters.cluster()))
                .build();
        Annotations.of(this).acknowledgeWarning("@aws-cdk/aws-lambda:codeFromBucketObjectVersionNotSpecified",
                "the template takes the jar's key as a parameter: a new key per version updates the code");
        ((CfnFunction) function.getNode().getDefaultChild()).setVpcConfig(CfnFunction.VpcConfigProperty.builder()
                .subnetIds(parameters.subnetIds())
                .securityGroupIds(List.of(parameters.securityGroupId()))
                .build());
    }

    private static PolicyStatement allow(String sid, String resource, String... actions) {
        return PolicyStatement.Builder.create().sid(sid).effect(Effect.ALLOW)
                .actions(List.of(actions)).resources(List.of(resource)).build();
    }

    private static PolicyDocument document(PolicyStatement... statements) {
        return PolicyDocument.Builder.create().statements(List.of(statements)).build();
    }

    /** The runner function, which the state machine invokes. */
    Function function() { return function; }

    /** The runner's log group (EMF metrics are extracted from it). */
    LogGroup logGroup() { return logGroup; }
}
