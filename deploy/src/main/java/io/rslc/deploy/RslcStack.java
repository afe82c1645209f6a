package io.rslc.deploy;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.CfnOutputProps;
import software.amazon.awscdk.CliCredentialsStackSynthesizer;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.constructs.Construct;

/**
 * The whole AWS deployment of rslc in one stack: configuration and lease tables, the runner Lambda, the UNLOAD
 * role, the Step Functions loop that drives the runner, its schedule, alerts and a dashboard.
 *
 * <p>It takes no account, region or context at synth time: everything site-specific is a CloudFormation
 * parameter ({@link StackParameters}), so the synthesized template is one file that deploys anywhere and that
 * {@code cloudformation/rslc.template.json} holds for users without CDK.
 *
 * <p>It is synthesized with {@link CliCredentialsStackSynthesizer}: the template then has no
 * {@code BootstrapVersion} parameter and no rule reading the bootstrap stack's SSM parameter, so
 * {@code aws cloudformation deploy} works in an account that was never bootstrapped, and the file does not
 * change with the bootstrap version CDK expects; {@code cdk deploy} uses the caller's credentials (no bootstrap
 * roles) and needs only the bootstrap bucket, to upload the template. The stack has no assets (the runner's code
 * is a parameter), so nothing else is uploaded.
 */
public final class RslcStack extends Stack {

    /** The stack's name when synthesized by {@link RslcApp}. */
    public static final String NAME = "rslc";

    RslcStack(Construct scope, String id) {
        super(scope, id, StackProps.builder()
                .description("rslc: configuration-driven data lifecycle for Amazon Redshift "
                        + "(UNLOAD old rows to S3, DELETE them, VACUUM), run by a Lambda on a schedule")
                .synthesizer(new CliCredentialsStackSynthesizer())
                .analyticsReporting(false)
                .build());
        StackParameters parameters = new StackParameters(this);
        Tables tables = new Tables(this, "Tables", parameters);
        UnloadRole unloadRole = new UnloadRole(this, "Unload", parameters);
        Runner runner = new Runner(this, "Runner", parameters, tables, unloadRole);
        Workflow workflow = new Workflow(this, "Runs", parameters, runner);
        new RunSchedule(this, "Schedule", parameters, workflow.stateMachine());
        Alerts alerts = new Alerts(this, "Alerts", parameters, workflow.stateMachine());
        RunDashboard dashboard = new RunDashboard(this, "Dashboard", workflow.stateMachine(), runner, alerts);

        output("RunnerFunctionName", runner.function().getFunctionName(), "The runner Lambda (invoke it with the load event)");
        output("StateMachineArn", workflow.stateMachine().getStateMachineArn(), "The run state machine");
        output("UnloadRoleArn", unloadRole.roleArn(), "Associate this role with the cluster or workgroup");
        output("LeaseTableName", tables.leaseTableName(), "The lease table");
        output("RunnerLogGroup", runner.logGroup().getLogGroupName(), "The runner's log group");
        output("AlertTopicArn", alerts.topic().getTopicArn(), "Alerts (confirm the e-mail subscription)");
        output("DashboardName", dashboard.dashboardName(), "The CloudWatch dashboard");
    }

    private void output(String id, String value, String description) {
        new CfnOutput(this, id, CfnOutputProps.builder().value(value).description(description).build());
    }
}
