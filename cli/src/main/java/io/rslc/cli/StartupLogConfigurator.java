package io.rslc.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.spi.ContextAwareBase;

/**
 * Logback's configuration before a command sets up logging itself ({@link LogSetup}): rslc at INFO, libraries at
 * WARN, plain lines on stderr. Done in code (found through {@code META-INF/services}) instead of a
 * {@code logback.xml}, because parsing XML at start loads about 630 more classes and costs 0.1-0.2 s of every
 * run. {@code -Dlogback.configurationFile=...} and a {@code logback-test.xml} on the class path (the tests')
 * still win.
 */
public final class StartupLogConfigurator extends ContextAwareBase implements Configurator {

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty("logback.configurationFile") != null
                || StartupLogConfigurator.class.getClassLoader().getResource("logback-test.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        LogSetup.apply(ctx, LogSetup.Format.text);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
