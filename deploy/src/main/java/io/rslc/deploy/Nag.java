package io.rslc.deploy;

import java.util.ArrayList;
import java.util.List;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import io.github.cdklabs.cdknag.RegexAppliesTo;
import software.constructs.IConstruct;

/**
 * Every cdk-nag (AwsSolutions pack) finding this stack accepts, each with the reason a reviewer gets, in one
 * place so the list in docs/deploy.md can be checked against it.
 *
 * <p>Suppressions are narrow: a rule is suppressed on the one construct it concerns, and IAM5 (wildcards) only
 * for the exact resource strings listed ({@code appliesTo}), so a new wildcard anywhere still fails the
 * {@code NagTest}. The reasons are recorded in the template's metadata ({@code cdk_nag}) too.
 */
public final class Nag {

    /**
     * One accepted finding: the rule, why it is accepted, and (for granular rules) the findings it covers.
     *
     * @param rule      the cdk-nag rule id, e.g. {@code AwsSolutions-IAM5}
     * @param reason    why it is accepted, for the reviewer
     * @param appliesTo the exact findings (or {@code regex:} patterns) it covers; empty = the whole rule
     */
    public record Suppression(String rule, String reason, List<String> appliesTo) {
    }

    static final Suppression UNLOAD_OBJECTS = new Suppression("AwsSolutions-IAM5",
            "Object actions need an object ARN pattern: the wildcard stands for the part files and manifests UNLOAD "
                    + "names itself, and only below the archive prefix (ArchivePrefix must end in '/').",
            List.of("Resource::arn:<AWS::Partition>:s3:::<ArchiveBucket>/<ArchivePrefix>*"));

    static final Suppression RUNNER_CONFIG_FILES = new Suppression("AwsSolutions-IAM5",
            "The load action reads the configuration CSV its event names: s3:GetObject only, and only below "
                    + "ConfigPrefix (which must end in '/').",
            List.of("Resource::arn:<AWS::Partition>:s3:::<ConfigBucket>/<ConfigPrefix>*"));

    static final Suppression RUNNER_NETWORK_INTERFACES = new Suppression("AwsSolutions-IAM5",
            "A Lambda function in a VPC manages its network interfaces with its own role. "
                    + "ec2:DescribeNetworkInterfaces and ec2:DescribeSubnets have no resource-level permissions "
                    + "(they must be allowed on all resources); the interfaces' IDs do not exist before Lambda creates "
                    + "them, so create, delete and assign are scoped to this account and region, as the Lambda "
                    + "developer guide recommends. This replaces the AWS managed AWSLambdaVPCAccessExecutionRole, "
                    + "which allows all of it on all resources.",
            List.of("Resource::*", "Resource::arn:<AWS::Partition>:ec2:<AWS::Region>:<AWS::AccountId>:*/*"));

    static final Suppression STATES_INVOKE_VERSIONS = new Suppression("AwsSolutions-IAM5",
            "CDK's LambdaInvoke task grants lambda:InvokeFunction on the runner and on its qualified ARNs "
                    + "(the runner's ARN with any qualifier: its versions and aliases); the wildcard is the qualifier "
                    + "of this one function.",
            List.of("regex:/^Resource::<RunnerFunction[0-9A-F]{8}\\.Arn>:\\*$/"));

    static final Suppression STATES_LOG_DELIVERY = new Suppression("AwsSolutions-IAM5",
            "Step Functions logs to CloudWatch Logs through the log delivery API (logs:CreateLogDelivery, "
                    + "GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, "
                    + "DescribeResourcePolicies, DescribeLogGroups), which has no resource-level permissions; "
                    + "Step Functions documents it on all resources.",
            List.of("Resource::*"));

    static final Suppression STATES_NO_XRAY = new Suppression("AwsSolutions-SF2",
            "X-Ray tracing would add X-Ray write actions on all resources (X-Ray has no resource-level "
                    + "permissions) and shows "
                    + "nothing the execution history does not: the workflow is one Lambda invoked in a loop, and "
                    + "the runner's log and EMF metrics hold its timings.",
            List.of());

    /** All of them, in the order docs/deploy.md lists them. */
    public static final List<Suppression> ALL = List.of(UNLOAD_OBJECTS, RUNNER_CONFIG_FILES,
            RUNNER_NETWORK_INTERFACES, STATES_INVOKE_VERSIONS, STATES_LOG_DELIVERY, STATES_NO_XRAY);

    private Nag() {
    }

    /** Suppresses the findings on {@code construct} and its children (several entries of one rule each apply). */
    static void suppress(IConstruct construct, Suppression... suppressions) {
        List<NagPackSuppression> entries = new ArrayList<>();
        for (Suppression suppression : suppressions) {
            NagPackSuppression.Builder builder = NagPackSuppression.builder()
                    .id(suppression.rule()).reason(suppression.reason());
            if (!suppression.appliesTo().isEmpty()) {
                builder.appliesTo(suppression.appliesTo().stream().map(Nag::appliesTo).toList());
            }
            entries.add(builder.build());
        }
        NagSuppressions.addResourceSuppressions(construct, entries, true);
    }

    private static Object appliesTo(String finding) {
        return finding.startsWith("regex:")
                ? RegexAppliesTo.builder().regex(finding.substring("regex:".length())).build()
                : finding;
    }
}
