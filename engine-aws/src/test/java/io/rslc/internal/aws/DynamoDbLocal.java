package io.rslc.internal.aws;

import com.amazonaws.services.dynamodbv2.local.monitoring.Telemetry;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * DynamoDB Local (Amazon's own emulator, test scope only) serving HTTP on 127.0.0.1 at a free port, in this JVM,
 * in memory, with one shared database and telemetry off. Tests talk to it with the real SDK client through
 * {@code endpointOverride}, exactly as rslc talks to AWS. One server per test JVM; tests use unique table names.
 */
public final class DynamoDbLocal {

    private static DynamoDbLocal shared;
    private static final AtomicInteger TABLES = new AtomicInteger();

    private final Server server;
    private final URI endpoint;

    private DynamoDbLocal() throws Exception {
        Telemetry.configureTelemetry("MAVEN", "InMemory", false);
        LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(
                new LocalDynamoDBRequestHandler(0, true, null, true, false), null);
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler();
        context.setHandler(handler);
        server.setHandler(new ContextHandlerCollection(context));
        server.start();
        endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    /** The server of this JVM, started on first use. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            try {
                shared = new DynamoDbLocal();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start DynamoDB Local", e);
            }
        }
        return shared;
    }

    public URI endpoint() {
        return endpoint;
    }

    /** {@code dynamodb://TABLE?region=us-east-1&endpoint=...}. */
    public String uri(String table) {
        return "dynamodb://" + table + "?region=us-east-1&endpoint=" + endpoint;
    }

    /** A fresh table name. */
    public static String uniqueTable(String prefix) {
        return prefix + "_" + TABLES.incrementAndGet();
    }

    /** A real SDK client pointed at the server. */
    public DynamoDbClient client() {
        return client(new CopyOnWriteArrayList<>());
    }

    /** A client that records the name of every operation it sends (Scan, Query, ...) into {@code calls}. */
    public DynamoDbClient client(List<String> calls) {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .overrideConfiguration(c -> c.retryStrategy(AwsClients.retryStrategy())
                        .addExecutionInterceptor(new ExecutionInterceptor() {
                            @Override
                            public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attrs) {
                                calls.add(attrs.getAttribute(SdkExecutionAttribute.OPERATION_NAME));
                            }
                        }))
                .build();
    }
}
