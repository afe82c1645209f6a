package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The CLI's text log lines: the message, and a logged exception's causes on the same line, no stack trace. */
class MessageLineEncoderTest {

    @Test
    void messageThenCausesOnOneLine() {
        LoggerContext ctx = new LoggerContext();
        LogSetup.MessageLineEncoder encoder = new LogSetup.MessageLineEncoder();
        LoggingEvent plain = new LoggingEvent("x", ctx.getLogger("rslc"), Level.INFO, "TABLE: {}", null,
                new Object[] {"s.t"});
        assertThat(new String(encoder.encode(plain), StandardCharsets.UTF_8)).isEqualTo("TABLE: s.t" + System.lineSeparator());

        Exception e = new IllegalStateException("upload failed", new java.io.IOException("connection reset"));
        LoggingEvent failed = new LoggingEvent("x", ctx.getLogger("lib"), Level.WARN, "retrying", e, null);
        String line = new String(encoder.encode(failed), StandardCharsets.UTF_8);
        assertThat(line).isEqualTo("retrying: java.lang.IllegalStateException: upload failed <- java.io.IOException: "
                + "connection reset" + System.lineSeparator());
        assertThat(line).doesNotContain("\tat ");
    }
}
