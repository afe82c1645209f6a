package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.api.Rule;
import io.rslc.api.RunReport;
import io.rslc.api.TableReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** What people read besides the run itself: every command's exit codes, and the run summary's lines (issue 16). */
class HelpAndSummaryTest {

    static List<CommandLine> commands(CommandLine cl) {
        List<CommandLine> out = new ArrayList<>();
        out.add(cl);
        cl.getSubcommands().values().stream().filter(c -> !c.getCommandName().equals("help"))
                .forEach(c -> out.addAll(commands(c)));
        return out;
    }

    @Test
    void everyCommandListsEveryExitCodeItCanReturn() {
        List<CommandLine> all = commands(Main.commandLine());
        assertThat(all).extracting(CommandLine::getCommandName)
                .contains("rslc", "plan", "run", "demo", "config", "load", "export", "validate");
        for (CommandLine c : all) {
            Map<String, String> codes = c.getCommandSpec().usageMessage().exitCodeList();
            assertThat(codes.keySet()).as(c.getCommandName()).contains("2", "3");
            StringWriter help = new StringWriter();
            c.usage(new PrintWriter(help));
            assertThat(help.toString()).as(c.getCommandName()).contains("Exit codes:")
                    .contains("internal error (a bug; run with RSLC_DEBUG=1 for the stack trace)");
        }
        for (String name : List.of("run", "demo")) {
            assertThat(Main.commandLine().getSubcommands().get(name).getCommandSpec().usageMessage().exitCodeList())
                    .as(name).containsKeys("0", "1", "2", "3", "130");
        }
        Cli.Result runHelp = Cli.run("run", "--help");
        assertThat(runHelp.out()).containsPattern("(?m)^  3 +internal error").containsPattern("(?m)^  130 +interrupted");
    }

    @Test
    void theSummaryNamesTheStatusOnce() {
        Rule rule = Rule.builder().table("s", "b").column("d").retention(1).mode(io.rslc.api.Mode.DELETE_ONLY).build();
        TableReport busy = new TableReport(rule, TableReport.Status.BUSY, LocalDate.of(2020, 6, 19), List.of(),
                List.of(), null, null, Duration.ZERO, "busy: another rslc process is working on s.b; skipped",
                List.of());
        TableReport failed = new TableReport(Rule.builder().table("s", "f").column("d").retention(1).mode(io.rslc.api.Mode.DELETE_ONLY).build(),
                TableReport.Status.FAILED, LocalDate.of(2020, 6, 19), List.of(), List.of(), null, null, Duration.ZERO,
                "table s.f does not exist", List.of());
        StringWriter out = new StringWriter();
        ReportPrinter.summary(new RunReport("r1", LocalDate.of(2020, 6, 20), "postgresql", Instant.EPOCH,
                Instant.EPOCH, List.of(busy, failed), List.of()), new PrintWriter(out));
        assertThat(out.toString()).contains("BUSY s.b: another rslc process is working on s.b; skipped")
                .contains("FAILED s.f: table s.f does not exist")
                .doesNotContainIgnoringCase("busy: busy:").doesNotContain("BUSY s.b: busy");
    }
}
