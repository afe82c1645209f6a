package io.rslc.store;

import io.rslc.RslcException;
import java.net.URI;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a rule store from a configuration source string: a CSV path, a {@code file:} URI, or (with the AWS
 * module) {@code dynamodb://TABLE?region=R}.
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
        String lower = source.toLowerCase(Locale.ROOT);
        if (lower.startsWith("dynamodb://")) {
            return DynamoDbSource.open(source);
        }
        if (lower.startsWith("file:")) {
            return CsvRuleStore.of(Path.of(URI.create(source)));
        }
        if (lower.matches("[a-z][a-z0-9+.\\-]*://.*")) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "unsupported config source '" + source
                    + "': use a CSV file path, file:///path.csv or dynamodb://TABLE?region=R");
        }
        return CsvRuleStore.of(Path.of(source));
    }

    /** Late-bound so the CSV path works without the DynamoDB classes being loaded. */
    private static final class DynamoDbSource {
        static RuleStore open(String source) {
            return io.rslc.aws.DynamoDbRuleStore.fromUri(source);
        }
    }
}
