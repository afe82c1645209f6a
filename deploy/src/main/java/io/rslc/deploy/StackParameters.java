package io.rslc.deploy;

import java.util.List;

import software.amazon.awscdk.CfnCondition;
import software.amazon.awscdk.CfnParameter;
import software.amazon.awscdk.Fn;
import software.amazon.awscdk.Stack;

/**
 * The CloudFormation parameters of the rslc stack, declared once and read by every part of it.
 *
 * <p>Everything site-specific (the warehouse, the network, the archive location, the runner jar) is a parameter,
 * not a CDK context value, so that one committed template serves every account: users without CDK deploy
 * {@code cloudformation/rslc.template.json} with {@code --parameter-overrides}. Patterns reject the mistakes that
 * would otherwise surface only at run time (an archive prefix without a trailing slash would let the UNLOAD role
 * write next to it, say {@code archive-old/} for {@code archive}).
 */
public final class StackParameters {

    /** The Lambda runner's memory when the parameter is left at its default. */
    public static final int DEFAULT_MEMORY_MB = 1024;

    private final CfnParameter artifactBucket;
    private final CfnParameter artifactKey;
    private final CfnParameter secretArn;
    private final CfnParameter cluster;
    private final CfnParameter subnetIds;
    private final CfnParameter securityGroupId;
    private final CfnParameter archiveBucket;
    private final CfnParameter archivePrefix;
    private final CfnParameter configTableName;
    private final CfnParameter createConfigTable;
    private final CfnParameter configBucket;
    private final CfnParameter configPrefix;
    private final CfnParameter scheduleExpression;
    private final CfnParameter scheduleTimezone;
    private final CfnParameter scheduleState;
    private final CfnParameter alertEmail;
    private final CfnParameter memory;
    private final CfnParameter logRetentionDays;
    private final CfnCondition createConfigTableCondition;

    StackParameters(Stack stack) {
        artifactBucket = string(stack, "ArtifactBucket",
                "S3 bucket holding the runner jar (upload it before deploying)", null, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
        artifactKey = string(stack, "ArtifactKey",
                "S3 key of the runner jar in ArtifactBucket; a new key per version makes CloudFormation update the code",
                null, "^.+\\.(jar|zip)$");
        secretArn = string(stack, "RedshiftSecretArn",
                "ARN of the Secrets Manager secret with the warehouse login (host, port, database, username, password)",
                null, "^arn:aws[a-z-]*:secretsmanager:[a-z0-9-]+:[0-9]{12}:secret:.+$");
        cluster = string(stack, "RedshiftCluster",
                "Redshift cluster identifier or Redshift Serverless workgroup name (informational: the secret says where to connect)",
                null, "^[a-z][a-z0-9-]{0,63}$");
        subnetIds = new CfnParameter(stack, "SubnetIds", typed("List<AWS::EC2::Subnet::Id>",
                "Private subnets for the runner Lambda: they must reach the warehouse, DynamoDB and Secrets Manager "
                        + "(and S3 for the load action), through VPC endpoints or a NAT gateway"));
        securityGroupId = new CfnParameter(stack, "SecurityGroupId", typed("AWS::EC2::SecurityGroup::Id",
                "Security group for the runner Lambda; the warehouse's security group must allow it on the warehouse port"));
        archiveBucket = string(stack, "ArchiveBucket",
                "S3 bucket the UNLOAD role writes the archive to (the s3_path of the configuration rows)",
                null, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
        archivePrefix = string(stack, "ArchivePrefix",
                "Key prefix in ArchiveBucket the UNLOAD role may use, ending in '/'; the configuration's s3_path must lie under it",
                "rslc/", "^[^/*][^*]*/$");
        configTableName = string(stack, "ConfigTableName",
                "DynamoDB configuration table (the original's schema); the lease table is named <this>_leases",
                "rs_dlm_config", "^[a-zA-Z0-9_.-]{3,248}$");
        createConfigTable = new CfnParameter(stack, "CreateConfigTable", typed("String",
                "true: create the configuration table; false: use an existing table of that name (the original's, "
                        + "or one kept from an earlier stack)"));
        createConfigTable.setDefaultValue("true");
        createConfigTable.setAllowedValues(List.of("true", "false"));
        configBucket = string(stack, "ConfigBucket",
                "S3 bucket with the configuration CSV files the 'load' action reads", null, "^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$");
        configPrefix = string(stack, "ConfigPrefix",
                "Key prefix in ConfigBucket the runner may read configuration CSV files from, ending in '/'",
                "rslc/config/", "^[^/*][^*]*/$");
        scheduleExpression = string(stack, "ScheduleExpression",
                "EventBridge Scheduler expression of the run, e.g. cron(0 2 * * ? *) or rate(1 day)",
                "cron(0 2 * * ? *)", "^(cron|rate|at)\\(.+\\)$");
        scheduleTimezone = string(stack, "ScheduleTimezone",
                "IANA time zone of the schedule expression", "UTC", null);
        scheduleState = new CfnParameter(stack, "ScheduleState", typed("String",
                "DISABLED to deploy without running (load the configuration first), ENABLED to run on the schedule"));
        scheduleState.setDefaultValue("ENABLED");
        scheduleState.setAllowedValues(List.of("ENABLED", "DISABLED"));
        alertEmail = string(stack, "AlertEmail",
                "E-mail address notified of failed runs and failed tables (confirm the subscription mail)",
                null, "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");
        memory = new CfnParameter(stack, "RunnerMemoryMB", typed("Number",
                "Memory of the runner Lambda in MB (CPU grows with it)"));
        memory.setDefaultValue(DEFAULT_MEMORY_MB);
        memory.setMinValue(512);
        memory.setMaxValue(10240);
        logRetentionDays = new CfnParameter(stack, "LogRetentionDays", typed("Number",
                "Days the runner's and the state machine's logs are kept"));
        logRetentionDays.setDefaultValue(90);
        logRetentionDays.setAllowedValues(List.of("7", "14", "30", "60", "90", "180", "365", "731", "1827", "3653"));

        createConfigTableCondition = CfnCondition.Builder.create(stack, "CreateConfigTableCondition")
                .expression(Fn.conditionEquals(createConfigTable.getValueAsString(), "true"))
                .build();
    }

    private static CfnParameter string(Stack stack, String id, String description, String defaultValue, String pattern) {
        CfnParameter parameter = new CfnParameter(stack, id, typed("String", description));
        if (defaultValue != null) {
            parameter.setDefaultValue(defaultValue);
        }
        if (pattern != null) {
            parameter.setAllowedPattern(pattern);
            parameter.setConstraintDescription("must match " + pattern);
        }
        return parameter;
    }

    private static software.amazon.awscdk.CfnParameterProps typed(String type, String description) {
        return software.amazon.awscdk.CfnParameterProps.builder().type(type).description(description).build();
    }

    String artifactBucket() { return artifactBucket.getValueAsString(); }
    String artifactKey() { return artifactKey.getValueAsString(); }
    String secretArn() { return secretArn.getValueAsString(); }
    String cluster() { return cluster.getValueAsString(); }
    List<String> subnetIds() { return subnetIds.getValueAsList(); }
    String securityGroupId() { return securityGroupId.getValueAsString(); }
    String archiveBucket() { return archiveBucket.getValueAsString(); }
    String archivePrefix() { return archivePrefix.getValueAsString(); }
    String configTableName() { return configTableName.getValueAsString(); }
    CfnCondition createConfigTable() { return createConfigTableCondition; }
    String configBucket() { return configBucket.getValueAsString(); }
    String configPrefix() { return configPrefix.getValueAsString(); }
    String scheduleExpression() { return scheduleExpression.getValueAsString(); }
    String scheduleTimezone() { return scheduleTimezone.getValueAsString(); }
    String scheduleState() { return scheduleState.getValueAsString(); }
    String alertEmail() { return alertEmail.getValueAsString(); }
    Number memoryMb() { return memory.getValueAsNumber(); }
    Number logRetentionDays() { return logRetentionDays.getValueAsNumber(); }
}
