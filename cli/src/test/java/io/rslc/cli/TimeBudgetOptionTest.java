package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class TimeBudgetOptionTest {

    @Test
    void durationsInIsoOrShortForm() {
        assertThat(RunCommand.parseBudget("PT14M")).isEqualTo(Duration.ofMinutes(14));
        assertThat(RunCommand.parseBudget("pt0.5s")).isEqualTo(Duration.ofMillis(500));
        assertThat(RunCommand.parseBudget("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(RunCommand.parseBudget("15m")).isEqualTo(Duration.ofMinutes(15));
        assertThat(RunCommand.parseBudget(" 2h ")).isEqualTo(Duration.ofHours(2));
        for (String bad : new String[] {"abc", "0s", "-PT1M", "PT0S", "15", "1.5m", "PTxM"}) {
            assertThatThrownBy(() -> RunCommand.parseBudget(bad)).as(bad).isInstanceOf(RslcException.class)
                    .hasMessageContaining("--time-budget: expected a positive duration");
        }
    }

    @Test
    void aBadBudgetIsAUsageErrorBeforeAnythingRuns() {
        PlanCommandTest.Result r = PlanCommandTest.rslc("run", "--config", PlanCommandTest.SAMPLE, "--jdbc-url",
                "jdbc:postgresql://127.0.0.1:1/none", "--time-budget", "soon");
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("--time-budget: expected a positive duration such as PT14M, 90s, 15m or 2h, "
                + "got 'soon'").doesNotContain("Exception");
    }
}
