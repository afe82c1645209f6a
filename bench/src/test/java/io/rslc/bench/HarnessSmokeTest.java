package io.rslc.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Fast checks of the harness's own logic; no database, no timing. */
class HarnessSmokeTest {

    @Test
    void countsRoundTripsInAFrontendStream() {
        ByteArrayOutputStream s = new ByteArrayOutputStream();
        s.writeBytes(startup(80877103, new byte[0]));                 // SSLRequest
        s.writeBytes(startup(196608, "user\0bench_run\0\0".getBytes(StandardCharsets.UTF_8)));
        s.writeBytes(typed('Q', "SELECT 1\0"));
        s.writeBytes(typed('P', "\0SELECT 2\0\0\0"));
        s.writeBytes(typed('B', "\0\0\0\0\0\0\0\0\0\0"));
        s.writeBytes(typed('E', "\0\0\0\0\0"));
        s.writeBytes(typed('S', ""));
        s.writeBytes(typed('E', "\0\0\0\0\0"));
        s.writeBytes(typed('S', ""));
        s.writeBytes(typed('X', ""));
        byte[] all = s.toByteArray();
        WireCounter.Parser parser = new WireCounter.Parser();
        WireCounter.Parser.Stream stream = parser.newStream();
        for (byte b : all) {                                           // one byte at a time: split headers too
            stream.feed(new byte[] {b}, 0, 1);
        }
        assertEquals(1, parser.queries.get());
        assertEquals(2, parser.syncs.get());
        assertEquals(1, parser.parses.get());
        assertEquals(2, parser.executes.get());
    }

    @Test
    void writesTheRslcConfigAndThePsqlScripts(@TempDir Path dir) throws Exception {
        Contender.Spec spec = new Contender.Spec(List.of("public.t"), "d", false, 90, "CSV", null, null,
                LocalDate.of(2023, 9, 30));
        Contender rslc = new Contender.Rslc("rslc", dir.resolve("rslc.jar"), List.of(), List.of());
        rslc.prepare(dir, spec);
        String csv = Files.readString(dir.resolve("rules.csv"));
        assertTrue(csv.lines().skip(1).findFirst().orElseThrow().startsWith("public,t,d,daily,90,"), csv);
        assertEquals(20, csv.lines().skip(1).findFirst().orElseThrow().split(",", -1).length);

        LocalDate asOf = LocalDate.of(2024, 1, 1);
        new Contender.Psql("loop", true).command(dir, spec, asOf, 5432, List.of());
        String loop = Files.readString(dir.resolve("script-" + asOf + ".sql"));
        assertEquals(3, loop.lines().filter(l -> l.equals("COMMIT;")).count());     // 2023-09-30 .. 2023-10-02
        assertTrue(loop.endsWith("VACUUM ANALYZE public.t;\n"));
        assertEquals(LocalDate.of(2023, 10, 1), new Contender.Spec(List.of(), "d", true, 3, "CSV", null, null, null)
                .cutoff(asOf));
    }

    @Test
    void medianAndReportTimes() {
        assertEquals(2.0, Main.median(new double[] {3, 1, 2}));
        assertEquals(2.5, Main.median(new double[] {4, 1, 2, 3}));
        assertEquals(1.5, Main.runSeconds("{\"startedAt\":\"2024-01-01T00:00:00Z\",\"finishedAt\":\"2024-01-01T00:00:01.500Z\"}"));
    }

    private static byte[] startup(int code, byte[] rest) {
        return ByteBuffer.allocate(8 + rest.length).putInt(8 + rest.length).putInt(code).put(rest).array();
    }

    private static byte[] typed(char type, String payload) {
        byte[] p = payload.getBytes(StandardCharsets.ISO_8859_1);
        return ByteBuffer.allocate(5 + p.length).put((byte) type).putInt(4 + p.length).put(p).array();
    }
}
