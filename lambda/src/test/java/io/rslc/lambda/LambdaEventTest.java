package io.rslc.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LambdaEventTest {

    @Test
    void aRunEventWithEveryField() {
        LambdaEvent e = LambdaEvent.parse("{\"action\": \"run\", \"only\": [\"s.a\", \"s.b\"], \"as_of\": \"2024-01-31\","
                + " \"budget_seconds\": 90.5, \"ignored\": {\"x\": [1, true, null]}}");
        assertThat(e).isEqualTo(new LambdaEvent("run", List.of("s.a", "s.b"), "2024-01-31", 90.5, null, null));
    }

    @Test
    void aBareScheduleEventRunsEverythingAndGlueArgumentNamesAreAccepted() {
        assertThat(LambdaEvent.parse(" {} ")).isEqualTo(new LambdaEvent("run", List.of(), null, null, null, null));
        LambdaEvent glue = LambdaEvent.parse("{\"--as_of\": \"2024-01-31\", \"--only\": \"s.a, s.b\"}");
        assertThat(glue.asOf()).isEqualTo("2024-01-31");
        assertThat(glue.only()).containsExactly("s.a", "s.b");
    }

    @Test
    void aLoadEventAndEscapes() {
        LambdaEvent e = LambdaEvent.parse("{\"action\":\"load\",\"bucket\":\"b\",\"key\":\"conf/r\\u00e9gles \\\"1\\\".csv\"}");
        assertThat(e.action()).isEqualTo("load");
        assertThat(e.key()).isEqualTo("conf/r\u00e9gles \"1\".csv");
    }

    @Test
    void badEventsAreClearErrors() {
        assertThatThrownBy(() -> LambdaEvent.parse("[1]")).hasMessage("the event must be a JSON object");
        assertThatThrownBy(() -> LambdaEvent.parse("{\"action\": run}")).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> LambdaEvent.parse("{\"a\": 1} x")).hasMessageContaining("after the JSON value");
        assertThatThrownBy(() -> LambdaEvent.parse("{\"budget_seconds\": \"10\"}"))
                .hasMessageContaining("'budget_seconds' must be a number");
        assertThatThrownBy(() -> LambdaEvent.parse("{\"only\": 3}")).hasMessageContaining("'only' must be a list");
        assertThatThrownBy(() -> LambdaEvent.parse("{\"as_of\": 20240131}")).hasMessageContaining("'as_of' must be a string");
        assertThatThrownBy(() -> LambdaEvent.parse("{\"a\": \"unterminated}")).hasMessageContaining("unterminated string");
        assertThatThrownBy(() -> LambdaEvent.parse("{\"a\": 01}")).hasMessageContaining("not valid JSON");
    }

    @Test
    void theBudgetIsTheRemainingTimeLessTheMarginOrTheEventsIfSmaller() {
        RunHandler handler = new RunHandler(Map.of("RSLC_MARGIN_SECONDS", "30"));
        LambdaEvent plain = LambdaEvent.parse("{}");
        assertThat(handler.budget(plain, Duration.ofMinutes(15))).isEqualTo(Duration.ofSeconds(870));
        assertThat(handler.budget(LambdaEvent.parse("{\"budget_seconds\": 2.5}"), Duration.ofMinutes(15)))
                .isEqualTo(Duration.ofMillis(2500));
        assertThat(handler.budget(LambdaEvent.parse("{\"budget_seconds\": 2000}"), Duration.ofMinutes(15)))
                .isEqualTo(Duration.ofSeconds(870));
        assertThat(handler.budget(plain, Duration.ofSeconds(10))).as("less than the margin left: start nothing")
                .isEqualTo(Duration.ofMillis(1));
    }

    @Test
    @SuppressWarnings("unchecked")
    void aLargeReportIsAnsweredWithoutItsSlices() {
        StringBuilder slices = new StringBuilder();
        for (int i = 0; i < 2000; i++) {
            slices.append(i == 0 ? "" : ",").append("{\"start\": \"2020-01-01\", \"archive\": \"s3://b/")
                    .append("x".repeat(100)).append("\"}");
        }
        String report = "{\"runId\": \"r\", \"complete\": false, \"succeeded\": true, \"tables\": [{\"table\": "
                + "\"t \\\"q\\\"\", \"slices\": [" + slices + "]}]}";
        assertThat(RunHandler.fitted("{\"tables\": []}")).isEqualTo("{\"tables\": []}");
        String fitted = RunHandler.fitted(report);
        assertThat(fitted.length()).isLessThan(RunHandler.MAX_ANSWER_CHARS);
        Map<String, Object> r = (Map<String, Object>) Json.parse(fitted);
        assertThat(r.get("complete")).isEqualTo(false);
        assertThat(r.get("succeeded")).isEqualTo(true);
        Map<String, Object> t = (Map<String, Object>) ((List<Object>) r.get("tables")).get(0);
        assertThat(t.get("table")).isEqualTo("t \"q\"");
        assertThat(t.get("slices")).isEqualTo(List.of());
        assertThat(t.get("slicesOmitted").toString()).isEqualTo("2000");
    }
}
