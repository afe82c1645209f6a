package io.rslc.internal.warehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Zone names the warehouse accepts in {@code SET TIME ZONE}, whatever kind of ZoneId the library was given. */
class SessionSettingsTest {

    static String name(ZoneId zone) {
        return new SessionSettings(zone, Duration.ofMinutes(1)).zoneName();
    }

    @Test
    void fixedOffsetsBecomeZoneNames() {
        assertThat(name(ZoneOffset.UTC)).isEqualTo("UTC");
        assertThat(name(ZoneOffset.ofHours(2))).isEqualTo("Etc/GMT-2");   // POSIX sign: two hours east of UTC
        assertThat(name(ZoneOffset.ofHours(-5))).isEqualTo("Etc/GMT+5");
        assertThat(name(ZoneId.of("Europe/Paris"))).isEqualTo("Europe/Paris");
        assertThat(name(ZoneId.of("UTC"))).isEqualTo("UTC");
        assertThat(name(ZoneId.of("UTC+03:00"))).isEqualTo("Etc/GMT-3"); // a region id holding a fixed offset
        assertThat(name(ZoneId.of("GMT-4"))).isEqualTo("Etc/GMT+4");
    }

    @Test
    void anOffsetNoZoneNameCanSayIsRefusedAtOnce() {
        assertThatThrownBy(() -> name(ZoneOffset.ofHoursMinutes(5, 30)))
                .isInstanceOf(io.rslc.api.RslcException.class).hasMessageContaining("Asia/Kolkata")
                .satisfies(e -> assertThat(((io.rslc.api.RslcException) e).code())
                        .isEqualTo(io.rslc.api.RslcException.ErrorCode.USAGE));
    }
}
