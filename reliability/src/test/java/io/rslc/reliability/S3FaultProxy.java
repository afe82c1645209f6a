package io.rslc.reliability;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Test only: a tiny HTTP proxy in front of an s3proxy that answers some requests itself with the errors S3 gives
 * under load ({@code 503 SlowDown}, {@code 503 ServiceUnavailable}, {@code 500 InternalError}, with S3's XML
 * body) and forwards the others unchanged (the Host header too, so signatures stay valid), one upstream
 * connection per request. {@link Mode#TRANSIENT} fails a share of requests, never the same request more than
 * {@code maxInARow} times running (the SDK retries it and succeeds); {@link Mode#WRITES_FAIL} fails every PUT
 * and POST (it keeps failing: the SDK gives up).
 */
final class S3FaultProxy implements AutoCloseable {

    enum Mode { PASS, TRANSIENT, WRITES_FAIL }

    private static final String[][] ERRORS = {
        {"503", "SlowDown", "Please reduce your request rate."},
        {"503", "ServiceUnavailable", "Service is unable to handle request."},
        {"500", "InternalError", "We encountered an internal error. Please try again."}};

    private final HttpServer server;
    private final String upstreamHost;
    private final int upstreamPort;
    private final Random random;
    private final double share;
    private final int maxInARow;
    private final Map<String, Integer> inARow = new ConcurrentHashMap<>();
    private volatile Mode mode = Mode.PASS;
    /** Requests answered with an error, and requests forwarded. */
    final AtomicInteger faults = new AtomicInteger();
    final AtomicInteger forwarded = new AtomicInteger();

    S3FaultProxy(String upstream, long seed, double share, int maxInARow) throws IOException {
        URI u = URI.create(upstream);
        this.upstreamHost = u.getHost();
        this.upstreamPort = u.getPort();
        this.random = new Random(seed);
        this.share = share;
        this.maxInARow = maxInARow;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "s3-fault-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    void mode(Mode m) {
        mode = m;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String method = ex.getRequestMethod();
            String target = ex.getRequestURI().toString();
            String[] error = fault(method, target);
            byte[] body = ex.getRequestBody().readAllBytes();
            if (error != null) {
                faults.incrementAndGet();
                byte[] xml = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + error[1] + "</Code><Message>"
                        + error[2] + "</Message><RequestId>fault" + faults.get() + "</RequestId></Error>")
                        .getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().set("Content-Type", "application/xml");
                ex.sendResponseHeaders(Integer.parseInt(error[0]), method.equals("HEAD") ? -1 : xml.length);
                if (!method.equals("HEAD")) {
                    ex.getResponseBody().write(xml);
                }
                return;
            }
            forwarded.incrementAndGet();
            forward(ex, method, target, body);
        }
    }

    /** The error to answer with, or null to forward. */
    private synchronized String[] fault(String method, String target) {
        boolean write = method.equals("PUT") || method.equals("POST");
        String key = method + " " + target;
        boolean fail = switch (mode) {
            case PASS -> false;
            case WRITES_FAIL -> write;
            case TRANSIENT -> inARow.getOrDefault(key, 0) < maxInARow && random.nextDouble() < share;
        };
        if (!fail) {
            inARow.remove(key);
            return null;
        }
        inARow.merge(key, 1, Integer::sum);
        return ERRORS[random.nextInt(ERRORS.length)];
    }

    private void forward(HttpExchange ex, String method, String target, byte[] body) throws IOException {
        try (Socket up = new Socket(upstreamHost, upstreamPort)) {
            StringBuilder head = new StringBuilder(method + " " + target + " HTTP/1.1\r\n");
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                String name = h.getKey().toLowerCase(Locale.ROOT);
                if (name.equals("connection") || name.equals("expect") || name.equals("transfer-encoding")
                        || name.equals("content-length")) {
                    continue;
                }
                for (String v : h.getValue()) {
                    head.append(h.getKey()).append(": ").append(v).append("\r\n");
                }
            }
            head.append("Content-Length: ").append(body.length).append("\r\nConnection: close\r\n\r\n");
            OutputStream out = up.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.write(body);
            out.flush();
            InputStream in = new java.io.BufferedInputStream(up.getInputStream());
            String status = line(in);
            int code = Integer.parseInt(status.split(" ")[1]);
            Headers response = ex.getResponseHeaders();
            long length = -1;
            boolean chunked = false;
            for (String h = line(in); !h.isEmpty(); h = line(in)) {
                int colon = h.indexOf(':');
                String name = h.substring(0, colon).trim();
                String value = h.substring(colon + 1).trim();
                switch (name.toLowerCase(Locale.ROOT)) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.equalsIgnoreCase("chunked");
                    case "connection", "date" -> { }
                    default -> response.add(name, value);
                }
            }
            if (method.equals("HEAD") || code == 204 || code == 304) {
                if (length >= 0) {
                    response.set("Content-Length", Long.toString(length));
                }
                ex.sendResponseHeaders(code, -1);
                return;
            }
            byte[] content = chunked ? dechunk(in) : length >= 0 ? in.readNBytes((int) length) : in.readAllBytes();
            ex.sendResponseHeaders(code, content.length == 0 ? -1 : content.length);
            ex.getResponseBody().write(content);
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("upstream closed mid-response");
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }

    private static byte[] dechunk(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(line(in).split(";")[0].trim(), 16); size > 0;
             size = Integer.parseInt(line(in).split(";")[0].trim(), 16)) {
            b.write(in.readNBytes(size));
            line(in);
        }
        for (String trailer = line(in); !trailer.isEmpty(); trailer = line(in)) {
            // trailers are dropped
        }
        return b.toByteArray();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
