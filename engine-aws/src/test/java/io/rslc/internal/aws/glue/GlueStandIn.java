package io.rslc.internal.aws.glue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A protocol-level stand-in for the AWS Glue Data Catalog, for tests only: no Glue emulator runs on these
 * machines, so this small {@code com.sun.net.httpserver} server on 127.0.0.1 speaks Glue's JSON 1.1 protocol
 * ({@code POST /}, {@code X-Amz-Target: AWSGlue.<Operation>}) for the operations {@code rslc catalog} uses, keeping
 * databases, tables and partitions in memory, so that the real {@code GlueClient} sends real requests and parses
 * real responses. It enforces what Glue enforces and rslc must respect: batch sizes (BatchCreatePartition and
 * BatchUpdatePartition 100, BatchDeletePartition 25), paged GetPartitions (a small page here, so paging is used),
 * as many partition values as partition keys, lower-case names, EntityNotFoundException and
 * AlreadyExistsException in Glue's error shape ({@code {"__type": ..., "Message": ...}}). It does not check IAM,
 * column types, or anything Glue does not tell its clients.
 *
 * <p>Why this file is long: the nine operations share the in-memory state, the validation and Glue's error shapes;
 * split up, each piece would need all of them.
 */
public final class GlueStandIn implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TARGET_PREFIX = "AWSGlue.";

    private final HttpServer server;
    private final int pageSize;
    private final Map<String, ObjectNode> databases = new ConcurrentHashMap<>();
    /** "db.table" to the table. */
    private final Map<String, ObjectNode> tables = new ConcurrentHashMap<>();
    /** "db.table" to partitions by their values, in the order they were added. */
    private final Map<String, Map<List<String>, ObjectNode>> partitions = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final Set<String> denied = ConcurrentHashMap.newKeySet();

    /** A stand-in whose GetPartitions answers {@code pageSize} partitions per page. */
    public GlueStandIn(int pageSize) throws IOException {
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Makes every call of {@code operation} (e.g. {@code CreateTable}) fail with AccessDeniedException. */
    public void deny(String operation) {
        denied.add(operation);
    }

    /** How many times {@code operation} was called. */
    public int calls(String operation) {
        AtomicInteger n = calls.get(operation);
        return n == null ? 0 : n.get();
    }

    /** The stored table as GetTable returns it, or null. */
    public ObjectNode table(String database, String name) {
        return tables.get(key(database, name));
    }

    /** The stored partitions of a table, by their values, in the order they were added. */
    public Map<List<String>, ObjectNode> partitions(String database, String table) {
        return Map.copyOf(partitions.getOrDefault(key(database, table), Map.of()));
    }

    /** Stores a table directly (a table someone else registered). */
    public void putTable(String database, ObjectNode tableInput) {
        databases.computeIfAbsent(database, d -> JSON.createObjectNode().put("Name", d));
        ObjectNode t = tableInput.deepCopy();
        t.put("DatabaseName", database);
        tables.put(key(database, t.get("Name").asText()), t);
        partitions.putIfAbsent(key(database, t.get("Name").asText()), new LinkedHashMap<>());
    }

    private static String key(String database, String table) {
        return database.toLowerCase(Locale.ROOT) + "." + table.toLowerCase(Locale.ROOT);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            String type = ex.getRequestHeaders().getFirst("Content-Type");
            JsonNode body = JSON.readTree(ex.getRequestBody().readAllBytes());
            if (!"POST".equals(ex.getRequestMethod()) || target == null || !target.startsWith(TARGET_PREFIX)
                    || type == null || !type.startsWith("application/x-amz-json-1.1")) {
                reply(ex, 400, error("InvalidInputException", "not a Glue JSON 1.1 request: " + target));
                return;
            }
            String op = target.substring(TARGET_PREFIX.length());
            calls.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
            if (denied.contains(op)) {
                reply(ex, 400, error("AccessDeniedException", "User: arn:aws:iam::123456789012:user/test is not "
                        + "authorized to perform: glue:" + op));
                return;
            }
            try {
                reply(ex, 200, JSON.writeValueAsString(answer(op, body)));
            } catch (GlueError e) {
                reply(ex, 400, error(e.type, e.getMessage()));
            }
        }
    }

    private synchronized JsonNode answer(String op, JsonNode in) {
        ObjectNode out = JSON.createObjectNode();
        switch (op) {
            case "GetDatabase" -> {
                ObjectNode db = databases.get(in.path("Name").asText());
                if (db == null) {
                    throw new GlueError("EntityNotFoundException", "Database " + in.path("Name").asText()
                            + " not found.");
                }
                out.set("Database", db);
            }
            case "CreateDatabase" -> {
                String name = in.path("DatabaseInput").path("Name").asText().toLowerCase(Locale.ROOT);
                if (databases.putIfAbsent(name, ((ObjectNode) in.get("DatabaseInput").deepCopy()).put("Name", name))
                        != null) {
                    throw new GlueError("AlreadyExistsException", "Database already exists.");
                }
            }
            case "GetTable" -> out.set("Table", existingTable(in.path("DatabaseName").asText(),
                    in.path("Name").asText()));
            case "CreateTable", "UpdateTable" -> {
                String db = database(in.path("DatabaseName").asText());
                ObjectNode t = ((ObjectNode) in.get("TableInput")).deepCopy();
                String name = t.path("Name").asText().toLowerCase(Locale.ROOT);
                t.put("Name", name).put("DatabaseName", db).put("UpdateTime", 1.7e9);
                boolean exists = tables.containsKey(key(db, name));
                if (op.equals("CreateTable") && exists) {
                    throw new GlueError("AlreadyExistsException", "Table already exists.");
                }
                if (op.equals("UpdateTable") && !exists) {
                    throw new GlueError("EntityNotFoundException", "Table " + name + " not found.");
                }
                t.put("CreateTime", exists ? tables.get(key(db, name)).path("CreateTime").asDouble() : 1.7e9);
                tables.put(key(db, name), t);
                partitions.putIfAbsent(key(db, name), new LinkedHashMap<>());
            }
            case "GetPartitions" -> {
                ObjectNode t = existingTable(in.path("DatabaseName").asText(), in.path("TableName").asText());
                List<ObjectNode> all = new ArrayList<>(partitions.get(key(t.get("DatabaseName").asText(),
                        t.get("Name").asText())).values());
                int from = in.hasNonNull("NextToken") ? Integer.parseInt(in.get("NextToken").asText()) : 0;
                int to = Math.min(all.size(), from + pageSize);
                ArrayNode page = out.putArray("Partitions");
                all.subList(from, to).forEach(page::add);
                if (to < all.size()) {
                    out.put("NextToken", Integer.toString(to));
                }
            }
            case "BatchCreatePartition" -> {
                Map<List<String>, ObjectNode> parts = partitionsOf(in, "PartitionInputList", 100);
                ArrayNode errors = out.putArray("Errors");
                for (JsonNode p : in.get("PartitionInputList")) {
                    List<String> values = values(p.get("Values"));
                    String problem = valuesProblem(in, values);
                    if (problem == null && parts.containsKey(values)) {
                        problem = "AlreadyExistsException:Partition already exists.";
                    }
                    if (problem != null) {
                        errors.add(partitionError("PartitionValues", values, problem));
                        continue;
                    }
                    ObjectNode stored = ((ObjectNode) p.deepCopy()).put("DatabaseName", in.get("DatabaseName").asText())
                            .put("TableName", in.get("TableName").asText()).put("CreationTime", 1.7e9);
                    parts.put(values, stored);
                }
            }
            case "BatchUpdatePartition" -> {
                Map<List<String>, ObjectNode> parts = partitionsOf(in, "Entries", 100);
                ArrayNode errors = out.putArray("Errors");
                for (JsonNode e : in.get("Entries")) {
                    List<String> values = values(e.get("PartitionValueList"));
                    ObjectNode have = parts.get(values);
                    if (have == null) {
                        errors.add(partitionError("PartitionValueList", values,
                                "EntityNotFoundException:Partition not found."));
                        continue;
                    }
                    have.set("StorageDescriptor", e.path("PartitionInput").path("StorageDescriptor").deepCopy());
                }
            }
            case "BatchDeletePartition" -> {
                Map<List<String>, ObjectNode> parts = partitionsOf(in, "PartitionsToDelete", 25);
                ArrayNode errors = out.putArray("Errors");
                for (JsonNode p : in.get("PartitionsToDelete")) {
                    List<String> values = values(p.get("Values"));
                    if (parts.remove(values) == null) {
                        errors.add(partitionError("PartitionValues", values,
                                "EntityNotFoundException:Partition not found."));
                    }
                }
            }
            default -> throw new GlueError("UnknownOperationException", "the stand-in does not serve " + op);
        }
        return out;
    }

    private String database(String name) {
        String db = name.toLowerCase(Locale.ROOT);
        if (!databases.containsKey(db)) {
            throw new GlueError("EntityNotFoundException", "Database " + name + " not found.");
        }
        return db;
    }

    private ObjectNode existingTable(String database, String name) {
        ObjectNode t = tables.get(key(database(database), name));
        if (t == null) {
            throw new GlueError("EntityNotFoundException", "Table " + name + " not found.");
        }
        return t;
    }

    /** The partitions of the request's table, after checking the batch size Glue allows. */
    private Map<List<String>, ObjectNode> partitionsOf(JsonNode in, String list, int max) {
        ObjectNode t = existingTable(in.path("DatabaseName").asText(), in.path("TableName").asText());
        int n = in.path(list).size();
        if (n < 1 || n > max) {
            throw new GlueError("InvalidInputException", "1 validation error detected: Value at '"
                    + Character.toLowerCase(list.charAt(0)) + list.substring(1)
                    + "' failed to satisfy constraint: Member must have length less than or equal to " + max);
        }
        return partitions.get(key(t.get("DatabaseName").asText(), t.get("Name").asText()));
    }

    private String valuesProblem(JsonNode in, List<String> values) {
        int keys = existingTable(in.path("DatabaseName").asText(), in.path("TableName").asText())
                .path("PartitionKeys").size();
        return values.size() == keys ? null
                : "InvalidInputException:The number of partition keys do not match the number of partition values";
    }

    private static List<String> values(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asText()));
        return List.copyOf(values);
    }

    private static ObjectNode partitionError(String field, List<String> values, String codeAndMessage) {
        ObjectNode e = JSON.createObjectNode();
        ArrayNode v = e.putArray(field);
        values.forEach(v::add);
        int colon = codeAndMessage.indexOf(':');
        e.putObject("ErrorDetail").put("ErrorCode", codeAndMessage.substring(0, colon))
                .put("ErrorMessage", codeAndMessage.substring(colon + 1));
        return e;
    }

    private static String error(String type, String message) {
        return JSON.createObjectNode().put("__type", type).put("Message", message).toString();
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

    /** Partition values, sorted, for assertions that ignore order. */
    public static Map<List<String>, String> locations(Map<List<String>, ObjectNode> partitions) {
        Map<List<String>, String> out = new TreeMap<>((a, b) -> String.join("\u0000", a)
                .compareTo(String.join("\u0000", b)));
        partitions.forEach((k, v) -> out.put(k, v.path("StorageDescriptor").path("Location").asText()));
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** A Glue error answer: its {@code __type} and message. */
    private static final class GlueError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String type;

        GlueError(String type, String message) {
            super(message);
            this.type = type;
        }
    }
}
