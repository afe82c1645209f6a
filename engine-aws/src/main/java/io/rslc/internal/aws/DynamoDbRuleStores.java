package io.rslc.internal.aws;

import io.rslc.spi.RuleStore;
import io.rslc.spi.RuleStoreProvider;

/** Opens {@code dynamodb://TABLE?region=R} configuration sources; found by {@link java.util.ServiceLoader}. */
public final class DynamoDbRuleStores implements RuleStoreProvider {

    @Override
    public String scheme() {
        return "dynamodb";
    }

    @Override
    public RuleStore open(String source) {
        return DynamoDbRuleStore.fromUri(source);
    }
}
