package io.rslc.deploy;

import java.util.Map;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import software.amazon.awscdk.App;
import software.amazon.awscdk.AppProps;
import software.amazon.awscdk.Aspects;

/**
 * The CDK app: one {@link RslcStack}, checked by cdk-nag's AwsSolutions pack. {@code cdk synth} (see
 * {@code cdk.json}) runs {@link #main}; the tests call {@link #define} on their own {@link App}, so the committed
 * template and the tested one come from the same code.
 *
 * <p>Whatever the CDK CLI passes, path metadata and version reporting are off ({@code postCliContext} wins over
 * the CLI's context): they would put construct paths and a CDKMetadata resource into the template, which is
 * committed and compared with a fresh synth, and is read by people deploying it without CDK.
 */
public final class RslcApp {

    /** Context the app forces, over the CLI's defaults. */
    public static final Map<String, Object> FORCED_CONTEXT = Ordered.map(
            "aws:cdk:enable-path-metadata", false,
            "aws:cdk:version-reporting", false,
            "aws:cdk:enable-asset-metadata", false);

    private RslcApp() {
    }

    /** Synthesizes the stack into the CLI's output folder ({@code CDK_OUTDIR}, else a temporary one). */
    public static void main(String[] args) {
        App app = newApp(null);
        define(app);
        app.synth();
    }

    /** An app with the forced context, synthesizing into {@code outdir} (null: the CLI's or a temporary one). */
    public static App newApp(String outdir) {
        AppProps.Builder props = AppProps.builder().postCliContext(FORCED_CONTEXT).analyticsReporting(false);
        if (outdir != null) {
            props.outdir(outdir);
        }
        return new App(props.build());
    }

    /** Adds the rslc stack and the AwsSolutions checks to {@code app}. */
    public static RslcStack define(App app) {
        RslcStack stack = new RslcStack(app, RslcStack.NAME);
        Aspects.of(app).add(new AwsSolutionsChecks());
        return stack;
    }
}
