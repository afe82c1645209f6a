package io.rslc.internal.store;

import io.rslc.api.RslcException;
import io.rslc.spi.RuleStore;
import io.rslc.spi.RuleStoreProvider;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;

/**
 * Opens a rule store from a configuration source string: a CSV path, a {@code file:} URI, or a URI a
 * {@link RuleStoreProvider} on the classpath opens (the AWS module: {@code dynamodb://TABLE?region=R}). A CSV file
 * is only read unless asked otherwise: a run never rewrites a configuration a person keeps.
 */
public final class RuleStores {

    private RuleStores() {
    }

    /**
     * Opens {@code source}.
     *
     * @throws RslcException with {@code USAGE} for an unknown scheme
     */
    public static RuleStore open(String source) {
        return open(source, false);
    }

    /**
     * Opens {@code source}; a CSV file gets checkpoints written back only if {@code writeCsvCheckpoints} (other
     * stores, such as DynamoDB, always keep their checkpoints).
     *
     * @throws RslcException with {@code USAGE} for an unknown scheme
     */
    public static RuleStore open(String source, boolean writeCsvCheckpoints) {
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("file:")) {
            return csv(Path.of(URI.create(source)), writeCsvCheckpoints);
        }
        if (lower.matches("[a-z][a-z0-9+.\\-]*://.*")) {
            String scheme = lower.substring(0, lower.indexOf("://"));
            for (RuleStoreProvider p : ServiceLoader.load(RuleStoreProvider.class, RuleStores.class.getClassLoader())) {
                if (p.scheme().equals(scheme)) {
                    return p.open(source);
                }
            }
            throw new RslcException(RslcException.ErrorCode.USAGE, "unsupported config source '" + source
                    + "': use a CSV file path, file:///path.csv or dynamodb://TABLE?region=R"
                    + (scheme.equals("dynamodb") ? " (dynamodb:// needs the rslc-engine-aws module on the classpath)"
                    : ""));
        }
        return csv(Path.of(source), writeCsvCheckpoints);
    }

    private static CsvRuleStore csv(Path file, boolean writeCheckpoints) {
        return writeCheckpoints ? CsvRuleStore.withCheckpoints(file) : CsvRuleStore.of(file);
    }
}
