package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import io.rslc.internal.aws.SecretsManagerStandIn;
import io.rslc.internal.warehouse.RedshiftWarehouse;
import org.junit.jupiter.api.Test;

/**
 * IAM authentication over JDBC, as far as it can be checked without AWS: an IAM secret and an IAM URL reach the
 * driver as its {@code jdbc:redshift:iam://} URL with no password anywhere, are run as Redshift, and secret URL
 * options are never shown.
 */
class IamConnectionTest {

    @Test
    void anIamSecretResolvesToTheDriversIamUrlWithoutAPassword() throws Exception {
        try (SecretsManagerStandIn secrets = new SecretsManagerStandIn()) {
            secrets.put("prod/rslc", "{\"engine\":\"redshift\",\"host\":\"c1.abc.us-east-1.redshift.amazonaws.com\","
                    + "\"port\":5439,\"dbname\":\"dev\",\"username\":\"rslc\",\"dbClusterIdentifier\":\"c1\"}");
            ConnectionOptions options = new ConnectionOptions();
            options.secret = "prod/rslc";
            options.secretsEndpoint = secrets.endpoint();

            ConnectionOptions.Login login = options.resolve("us-east-1", null);

            assertThat(login.jdbcUrl()).isEqualTo("jdbc:redshift:iam://c1.abc.us-east-1.redshift.amazonaws.com:5439/dev"
                    + "?ClusterID=c1&DbUser=rslc");
            assertThat(login.user()).isEqualTo("rslc");
            assertThat(login.password()).isNull();
            assertThat(WarehouseOptions.warehouseFor(RunCommand.WarehouseKind.auto, login.jdbcUrl(),
                    new ArchiveOptions(), null, "us-east-1", "rslc")).isInstanceOf(RedshiftWarehouse.class);
        }
    }

    @Test
    void anIamUrlGivenDirectlyIsRedshiftAndNeedsNoPassword() {
        ConnectionOptions options = new ConnectionOptions();
        options.jdbcUrl = "jdbc:redshift:iam://examplecluster:us-west-2/dev?Profile=rslc&DbUser=rslc";
        ConnectionOptions.Login login = options.resolve("us-west-2", null);
        assertThat(login.password()).isNull();
        assertThat(WarehouseOptions.warehouseFor(RunCommand.WarehouseKind.auto, login.jdbcUrl(), new ArchiveOptions(),
                null, "us-west-2", "rslc")).isInstanceOf(RedshiftWarehouse.class);
    }

    @Test
    void secretUrlOptionsAreNeverShown() {
        assertThatThrownBy(() -> WarehouseOptions.warehouseFor(RunCommand.WarehouseKind.auto,
                "jdbc:mysql://x/y?AccessKeyID=AKIA1&SecretAccessKey=sk-42&SessionToken=tok-42&password=pw-42",
                new ArchiveOptions(), null, null, "rslc"))
                .isInstanceOf(RslcException.class)
                .hasMessageContaining("SecretAccessKey=***").hasMessageContaining("SessionToken=***")
                .hasMessageNotContaining("sk-42").hasMessageNotContaining("tok-42").hasMessageNotContaining("pw-42");
    }
}
