package io.rslc.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;
import org.slf4j.LoggerFactory;

/** Configures logging for a command: the original's plain lines on stderr, or one JSON object per line. */
final class LogSetup {

    enum Format { text, json }

    private LogSetup() {
    }

    static void configure(Format format) {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ctx.reset();
        apply(ctx, format);
    }

    /** Sets up {@code ctx} (already empty) for {@code format}. */
    static void apply(LoggerContext ctx, Format format) {
        Encoder<ILoggingEvent> encoder;
        if (format == Format.json) {
            JsonEncoder json = new JsonEncoder();
            json.setWithSequenceNumber(false);
            json.setWithNanoseconds(false);
            json.setWithContext(false);
            json.setWithMDC(false);
            json.setWithArguments(false);
            json.setWithFormattedMessage(true);
            json.setWithMessage(false);
            encoder = json;
        } else {
            encoder = new MessageLineEncoder();
        }
        encoder.setContext(ctx);
        encoder.start();
        ConsoleAppender<ILoggingEvent> appender = new ConsoleAppender<>();
        appender.setContext(ctx);
        appender.setTarget("System.err");
        appender.setEncoder(encoder);
        appender.start();
        Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(appender);
        ctx.getLogger("rslc").setLevel(Level.INFO);
        ctx.getLogger("io.zonky").setLevel(Level.WARN);
    }

    /**
     * {@code %msg%n} without a pattern parser: the message and a line feed, UTF-8. A logged exception adds its
     * causes on the same line ({@code : Type: message <- Type: message}), never a stack trace.
     */
    static final class MessageLineEncoder extends EncoderBase<ILoggingEvent> {
        @Override
        public byte[] headerBytes() {
            return null;
        }

        @Override
        public byte[] encode(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(event.getFormattedMessage());
            String sep = ": ";
            for (ch.qos.logback.classic.spi.IThrowableProxy t = event.getThrowableProxy(); t != null; t = t.getCause()) {
                line.append(sep).append(t.getClassName()).append(": ").append(t.getMessage());
                sep = " <- ";
            }
            return line.append(System.lineSeparator()).toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] footerBytes() {
            return null;
        }
    }
}
