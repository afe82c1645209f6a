package io.rslc.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP proxy in front of PostgreSQL that counts round trips: it parses what clients send (the frontend
 * half of the wire protocol) and passes everything through unchanged. A round trip is a message after which the
 * client waits for the server's ReadyForQuery: a simple Query ({@code Q}, what psql sends for every statement,
 * COPY included) or a Sync ({@code S}, which ends every extended-protocol exchange of the JDBC driver: one
 * statement, one cursor fetch, or one whole JDBC batch). Used only in separate, untimed counting runs.
 */
final class WireCounter implements AutoCloseable {

    /** Totals over all connections since the last {@link #reset()}. */
    record Counts(long connections, long queries, long syncs, long parses, long executes, long copyData) {
        long roundTrips() {
            return queries + syncs;
        }
    }

    private final ServerSocket server;
    private final int target;
    private final AtomicLong connections = new AtomicLong();
    final Parser parser = new Parser();
    private final List<Socket> open = new ArrayList<>();
    private volatile boolean closed;

    WireCounter(int targetPort) throws IOException {
        this.target = targetPort;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread accept = new Thread(this::acceptLoop, "wire-counter-accept");
        accept.setDaemon(true);
        accept.start();
    }

    int port() {
        return server.getLocalPort();
    }

    Counts counts() {
        return new Counts(connections.get(), parser.queries.get(), parser.syncs.get(), parser.parses.get(),
                parser.executes.get(), parser.copyData.get());
    }

    void reset() {
        connections.set(0);
        parser.reset();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                synchronized (open) {
                    open.add(client);
                    open.add(upstream);
                }
                connections.incrementAndGet();
                Thread up = new Thread(() -> frontend(client, upstream), "wire-counter-up");
                Thread down = new Thread(() -> pump(upstream, client), "wire-counter-down");
                up.setDaemon(true);
                down.setDaemon(true);
                up.start();
                down.start();
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("wire counter: " + e.getMessage());
                }
            }
        }
    }

    /** Client to server: parse and forward. Flushes whenever the client has nothing more buffered. */
    private void frontend(Socket client, Socket upstream) {
        try (InputStream in = client.getInputStream(); OutputStream out = upstream.getOutputStream()) {
            byte[] buf = new byte[65536];
            int n;
            Parser.Stream s = parser.newStream();
            while ((n = in.read(buf)) > 0) {
                s.feed(buf, 0, n);
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(upstream);
            closeQuietly(client);
        }
    }

    /** Server to client: bytes only. */
    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            byte[] buf = new byte[65536];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // connection closed
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket s) {
        try {
            s.close();
        } catch (IOException e) {
            // ignore
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
        synchronized (open) {
            open.forEach(WireCounter::closeQuietly);
        }
    }

    /** The frontend message counter: startup packets (untyped) first, then typed messages. */
    static final class Parser {
        private static final int SSL_REQUEST = 80877103;
        private static final int GSS_REQUEST = 80877104;
        private static final int CANCEL_REQUEST = 80877102;

        final AtomicLong queries = new AtomicLong();
        final AtomicLong syncs = new AtomicLong();
        final AtomicLong parses = new AtomicLong();
        final AtomicLong executes = new AtomicLong();
        final AtomicLong copyData = new AtomicLong();

        void reset() {
            queries.set(0);
            syncs.set(0);
            parses.set(0);
            executes.set(0);
            copyData.set(0);
        }

        Stream newStream() {
            return new Stream();
        }

        /** One connection's client-to-server byte stream. */
        final class Stream {
            private boolean startup = true;
            private final byte[] header = new byte[8];
            private int headerFill;
            private long remaining; // payload bytes of the current message still to skip

            void feed(byte[] b, int off, int len) {
                int i = off;
                int end = off + len;
                while (i < end) {
                    if (remaining > 0) {
                        int skip = (int) Math.min(remaining, end - i);
                        i += skip;
                        remaining -= skip;
                        continue;
                    }
                    int need = startup ? 8 : 5; // startup: length + protocol code; typed: type + length
                    while (headerFill < need && i < end) {
                        header[headerFill++] = b[i++];
                    }
                    if (headerFill < need) {
                        return;
                    }
                    if (startup) {
                        int code = int32(header, 4);
                        remaining = int32(header, 0) - 8L;
                        if (code != SSL_REQUEST && code != GSS_REQUEST && code != CANCEL_REQUEST) {
                            startup = false; // the StartupMessage itself: typed messages follow
                        }
                    } else {
                        remaining = int32(header, 1) - 4L;
                        count((char) (header[0] & 0xff));
                    }
                    headerFill = 0;
                }
            }
        }

        private static int int32(byte[] b, int at) {
            return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
        }

        private void count(char type) {
            switch (type) {
                case 'Q' -> queries.incrementAndGet();
                case 'S' -> syncs.incrementAndGet();
                case 'P' -> parses.incrementAndGet();
                case 'E' -> executes.incrementAndGet();
                case 'd' -> copyData.incrementAndGet();
                default -> {
                }
            }
        }
    }
}
