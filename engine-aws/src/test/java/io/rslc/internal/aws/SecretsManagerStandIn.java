package io.rslc.internal.aws;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.protocols.jsoncore.JsonNode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * A protocol-level stand-in for AWS Secrets Manager, for tests only: no Secrets Manager emulator runs on these
 * machines, so this tiny {@code com.sun.net.httpserver} server on 127.0.0.1 speaks the service's JSON 1.1 protocol
 * for the one operation rslc uses, GetSecretValue ({@code POST /}, {@code X-Amz-Target:
 * secretsmanager.GetSecretValue}, body {@code {"SecretId": ...}}). It answers with the service's success shape,
 * or with its error shape ({@code {"__type": "ResourceNotFoundException", "Message": ...}}) for unknown ids and
 * for ids registered as denied, so the real {@link SecretsManagerClient} parses real responses.
 */
public final class SecretsManagerStandIn implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, String> secrets = new ConcurrentHashMap<>();
    private final Map<String, String> denied = new ConcurrentHashMap<>();

    public SecretsManagerStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Stores a secret with this SecretString. */
    public void put(String id, String secretString) {
        secrets.put(id, secretString);
    }

    /** Makes reads of {@code id} fail with AccessDeniedException. */
    public void deny(String id) {
        denied.put(id, id);
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public SecretsManagerClient client() {
        return SecretsManagerClient.builder()
                .endpointOverride(endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (!"POST".equals(ex.getRequestMethod()) || !"secretsmanager.GetSecretValue".equals(target)) {
                reply(ex, 400, error("InvalidRequestException", "unsupported operation " + target));
                return;
            }
            String id = JsonNode.parser().parse(body).field("SecretId").map(JsonNode::asString).orElse("");
            if (denied.containsKey(id)) {
                reply(ex, 400, error("AccessDeniedException", "User: arn:aws:iam::123456789012:user/test is not"
                        + " authorized to perform: secretsmanager:GetSecretValue on resource: " + id));
                return;
            }
            String value = secrets.get(id);
            if (value == null) {
                reply(ex, 400, error("ResourceNotFoundException", "Secrets Manager can't find the specified secret."));
                return;
            }
            String arn = "arn:aws:secretsmanager:us-east-1:123456789012:secret:" + id + "-AbCdEf";
            reply(ex, 200, "{\"ARN\":" + quote(arn) + ",\"Name\":" + quote(id) + ",\"SecretString\":" + quote(value)
                    + ",\"VersionId\":\"00000000-0000-0000-0000-000000000001\",\"VersionStages\":[\"AWSCURRENT\"],"
                    + "\"CreatedDate\":1.7e9}");
        }
    }

    private static String error(String type, String message) {
        return "{\"__type\":" + quote(type) + ",\"Message\":" + quote(message) + "}";
    }

    private static void reply(HttpExchange ex, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
        ex.getResponseHeaders().set("x-amzn-RequestId", "00000000-0000-0000-0000-000000000000");
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** A JSON string literal. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
