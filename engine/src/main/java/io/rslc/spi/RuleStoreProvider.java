package io.rslc.spi;

/**
 * Opens rule stores for configuration sources of one kind, e.g. {@code dynamodb://TABLE?region=R}. rslc finds
 * providers with {@link java.util.ServiceLoader} (list the class in
 * {@code META-INF/services/io.rslc.spi.RuleStoreProvider}), so a module such as {@code rslc-engine-aws} adds a
 * source kind by being on the classpath. CSV files and {@code file:} URIs are built in.
 */
public interface RuleStoreProvider {

    /** The URI scheme this provider opens, lower case, without {@code ://}: {@code dynamodb}. */
    String scheme();

    /**
     * Opens {@code source}, whose scheme is {@link #scheme()}.
     *
     * @throws io.rslc.api.RslcException with {@code USAGE} if the source is malformed
     */
    RuleStore open(String source);
}
