package io.rslc.internal.aws.dataapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;

/** The target's rules ({@link DataApiTarget}) and the failures' SQLSTATEs ({@link DataApiErrors}). */
class DataApiTargetTest {

    @Test
    void aClusterOrAWorkgroupWithADatabaseAndAtMostOneLogin() {
        assertThat(new DataApiTarget("c1", null, "dev", null, "rslc").describe())
                .isEqualTo("cluster c1, database dev, db user rslc");
        assertThat(new DataApiTarget(null, "wg", "dev", null, null).describe())
                .isEqualTo("workgroup wg, database dev, IAM identity");
        assertThat(new DataApiTarget(" ", "wg", "dev", "arn:s", "").describe())
                .isEqualTo("workgroup wg, database dev, secret arn:s");
    }

    @Test
    void everyContradictionIsAUsageErrorSayingWhatToGive() {
        assertUsage(() -> new DataApiTarget(null, null, "dev", null, null),
                "--data-api needs --cluster-id ID (a provisioned cluster) or --workgroup NAME (Serverless)");
        assertUsage(() -> new DataApiTarget("c1", "wg", "dev", null, null),
                "--data-api takes --cluster-id or --workgroup, not both");
        assertUsage(() -> new DataApiTarget("c1", null, null, null, null), "--data-api needs --database NAME");
        assertUsage(() -> new DataApiTarget("c1", null, "dev", "arn:s", "u"),
                "--secret-arn and --db-user are two ways to log in: give one, or neither to log in as your IAM identity");
        assertUsage(() -> new DataApiTarget(null, "wg", "dev", null, "u"),
                "--db-user works with --cluster-id only: on a Serverless workgroup log in with --secret-arn or as "
                        + "your IAM identity");
    }

    private static void assertUsage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        assertThatThrownBy(call).isInstanceOf(RslcException.class).hasMessage(message)
                .satisfies(e -> assertThat(((RslcException) e).code()).isEqualTo(RslcException.ErrorCode.USAGE));
    }

    @Test
    void serializationFailuresAreRecognisedFromTheErrorTextSoSlicesAreRetried() {
        RedshiftWarehouse redshift = new RedshiftWarehouse(null, null);
        SQLException redshift1023 = DataApiErrors.failed("ERROR: 1023\n  Detail: Serializable isolation violation on "
                + "table - 100203, transactions forming the cycle are: 3370, 3378 (pid:11722)");
        SQLException postgres = DataApiErrors.failed("ERROR: could not serialize access due to read/write "
                + "dependencies among transactions");
        assertThat(redshift1023.getSQLState()).isEqualTo("40001");
        assertThat(postgres.getSQLState()).isEqualTo("40001");
        assertThat(redshift.isSerializationFailure(postgres)).isTrue();
        assertThat(DataApiErrors.failed("ERROR: relation \"s.t\" does not exist").getSQLState()).isEqualTo("42P01");
        assertThat(DataApiErrors.failed("ERROR: syntax error at or near \"x\"").getSQLState()).isNull();
        assertThat(redshift.isSerializationFailure(DataApiErrors.failed("ERROR: division by zero"))).isFalse();
    }
}
