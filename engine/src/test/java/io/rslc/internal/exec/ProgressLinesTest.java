package io.rslc.internal.exec;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rslc.api.Cutoff;
import io.rslc.api.Granularity;
import io.rslc.api.Rule;
import io.rslc.api.Slice;
import io.rslc.api.SlicePlan;
import io.rslc.api.SliceReport;
import io.rslc.api.TablePlan;
import io.rslc.api.TransactionPlan;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Long work is never silent: progress lines at most every interval, with slices, rows, files and rate. */
class ProgressLinesTest {

    /** A clock the test moves. */
    static final class StepClock extends Clock {
        Instant now = Instant.parse("2026-12-05T00:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @Test
    void aProgressLineEveryIntervalWhileSlicesCommit() {
        Logger logger = (Logger) LoggerFactory.getLogger("rslc.test.progress");
        logger.setLevel(ch.qos.logback.classic.Level.INFO);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        StepClock clock = new StepClock();
        LoggingListener listener = new LoggingListener(logger, clock, Duration.ofSeconds(10));
        Rule rule = Rule.builder().table("s", "t").column("d").mode(io.rslc.api.Mode.DELETE_ONLY).build();
        List<SlicePlan> slices = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            slices.add(new SlicePlan(Slice.containing(Granularity.DAILY, LocalDate.of(2020, 3, 1).plusDays(i)), 1000,
                    1, null));
        }
        TablePlan plan = new TablePlan(rule, Cutoff.of(rule, LocalDate.of(2020, 6, 1)),
                List.of(new TransactionPlan(slices, List.of())), List.of(), List.of(), "", null);
        listener.tableStarted(plan);
        for (SlicePlan s : slices) {
            clock.now = clock.now.plusSeconds(4);
            listener.sliceCommitted(plan, new SliceReport(s.slice(), 1, 1000, 1000, 3, 100, null, 1, Duration.ZERO));
        }
        List<String> progress = lines.list.stream().map(ILoggingEvent::getFormattedMessage)
                .filter(m -> m.startsWith("INFO: Progress")).toList();
        assertThat(progress).containsExactly(
                "INFO: Progress s.t: 3 of 6 slice(s), 3000 row(s), 9 file(s), 250 row(s)/s",
                "INFO: Progress s.t: 6 of 6 slice(s), 6000 row(s), 18 file(s), 250 row(s)/s");
    }
}
