package io.rslc.internal.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.rslc.api.RslcException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** {@link SecretConnection} against the Secrets Manager protocol stand-in, through the real SDK client. */
class SecretConnectionIT {

    private static final String PASSWORD = "s3cr3t-P@ss\"word";
    private static SecretsManagerStandIn sm;
    private static SecretsManagerClient client;

    @BeforeAll
    static void start() throws IOException {
        sm = new SecretsManagerStandIn();
        client = sm.client();
        // the shape of the original's secret (engine redshift, port a number)
        sm.put("redshift-admin", "{\"username\":\"awsuser\",\"password\":" + SecretsManagerStandIn.quote(PASSWORD)
                + ",\"engine\":\"redshift\",\"host\":\"cluster.abc.us-east-1.redshift.amazonaws.com\","
                + "\"port\":5439,\"dbClusterIdentifier\":\"cluster\",\"database\":\"dev\"}");
        sm.put("pg", "{\"username\":\"app\",\"password\":" + SecretsManagerStandIn.quote(PASSWORD)
                + ",\"engine\":\"postgres\",\"host\":\"db.local\",\"port\":\"5432\",\"dbname\":\"appdb\"}");
        sm.put("no-engine", "{\"username\":\"u\",\"password\":" + SecretsManagerStandIn.quote(PASSWORD)
                + ",\"host\":\"h\",\"port\":5439,\"database\":\"d\"}");
        sm.put("malformed", "{\"username\":\"u\",\"password\":" + SecretsManagerStandIn.quote(PASSWORD) + ",");
        sm.put("not-json", PASSWORD);
        sm.put("no-password", "{\"username\":\"u\",\"host\":\"h\",\"port\":5439,\"database\":\"d\"}");
        sm.put("bad-port", "{\"username\":\"u\",\"password\":" + SecretsManagerStandIn.quote(PASSWORD)
                + ",\"host\":\"h\",\"port\":" + SecretsManagerStandIn.quote("x" + PASSWORD) + ",\"database\":\"d\"}");
        sm.put("mysql", "{\"username\":\"u\",\"password\":" + SecretsManagerStandIn.quote(PASSWORD)
                + ",\"engine\":\"mysql\",\"host\":\"h\",\"port\":3306,\"database\":\"d\"}");
        sm.put("iam-cluster", "{\"username\":\"rslc user\",\"engine\":\"redshift\",\"host\":"
                + "\"examplecluster.abc123xyz789.us-west-2.redshift.amazonaws.com\",\"port\":5439,\"dbname\":\"dev\","
                + "\"dbClusterIdentifier\":\"examplecluster\",\"region\":\"us-west-2\",\"autoCreate\":true}");
        sm.put("iam-serverless", "{\"engine\":\"redshift\",\"host\":"
                + "\"wg1.123456789012.us-east-1.redshift-serverless.amazonaws.com\",\"port\":5439,\"database\":\"dev\","
                + "\"workgroup\":\"wg1\"}");
        sm.put("iam-postgres", "{\"username\":\"u\",\"engine\":\"postgres\",\"host\":\"h\",\"port\":5432,"
                + "\"database\":\"d\",\"dbClusterIdentifier\":\"c\"}");
        sm.put("iam-bad-cluster", "{\"username\":\"u\",\"host\":\"h\",\"port\":5439,\"database\":\"d\","
                + "\"dbClusterIdentifier\":\"c&Password=x\"}");
        sm.put("locked", "{}");
        sm.deny("locked");
    }

    @AfterAll
    static void stop() {
        client.close();
        sm.close();
    }

    @Test
    void redshiftSecretOfTheOriginal() {
        SecretConnection c = SecretConnection.fetch(client, "redshift-admin", null);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:redshift://cluster.abc.us-east-1.redshift.amazonaws.com:5439/dev");
        assertThat(c.user()).isEqualTo("awsuser");
        assertThat(c.password()).isEqualTo(PASSWORD);
        assertThat(c.toString()).doesNotContain(PASSWORD).contains("password=***").contains("awsuser");
    }

    @Test
    void aClusterSecretWithoutPasswordGivesTheDriversIamUrl() throws Exception {
        SecretConnection c = SecretConnection.fetch(client, "iam-cluster", null);
        assertThat(c.iam()).isTrue();
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:redshift:iam://examplecluster.abc123xyz789.us-west-2.redshift."
                + "amazonaws.com:5439/dev?ClusterID=examplecluster&DbUser=rslc+user&AutoCreate=true&Region=us-west-2");
        assertThat(c.user()).isEqualTo("rslc user");
        assertThat(c.password()).isNull();
        assertThat(c.toString()).contains("password=none (IAM)");
        // what the Redshift driver itself reads from the URL: IAM on, the cluster, the user, no password
        var p = com.amazon.redshift.Driver.parseURL(c.jdbcUrl(), null);
        assertThat(p.getProperty("iamAuth")).isEqualToIgnoringCase("true");
        assertThat(p.getProperty("ClusterID")).isEqualTo("examplecluster");
        assertThat(p.getProperty("DbUser")).isEqualTo("rslc user");
        assertThat(p.getProperty("Region")).isEqualTo("us-west-2");
        assertThat(p.getProperty("AutoCreate")).isEqualTo("true");
        assertThat(p.getProperty("password")).isNull();
    }

    @Test
    void aServerlessSecretNamesItsWorkgroup() throws Exception {
        SecretConnection c = SecretConnection.fetch(client, "iam-serverless", null);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:redshift:iam://wg1.123456789012.us-east-1.redshift-serverless."
                + "amazonaws.com:5439/dev?serverlessWorkGroup=wg1");
        assertThat(c.user()).isNull();
        assertThat(c.password()).isNull();
        var p = com.amazon.redshift.Driver.parseURL(c.jdbcUrl(), null);
        assertThat(p.getProperty("iamAuth")).isEqualToIgnoringCase("true");
        assertThat(p.getProperty("serverlessWorkGroup")).isEqualTo("wg1");
    }

    @Test
    void iamIsForRedshiftAndItsNamesCannotInjectOptions() {
        assertThatThrownBy(() -> SecretConnection.fetch(client, "iam-postgres", null)).isInstanceOf(RslcException.class)
                .hasMessageContaining("IAM authentication").hasMessageContaining("Redshift only");
        assertThatThrownBy(() -> SecretConnection.fetch(client, "iam-bad-cluster", null))
                .isInstanceOf(RslcException.class)
                .hasMessage("secret 'iam-bad-cluster': key 'dbClusterIdentifier' must be letters, digits and hyphens");
    }

    @Test
    void postgresSecretWithStringPortAndDbname() {
        SecretConnection c = SecretConnection.fetch(client, "pg", null);
        assertThat(c.jdbcUrl()).isEqualTo("jdbc:postgresql://db.local:5432/appdb");
        assertThat(c.toString()).doesNotContain(PASSWORD);
    }

    @Test
    void engineArgumentWinsOverTheSecretsEngine() {
        assertThat(SecretConnection.fetch(client, "redshift-admin", "postgresql").jdbcUrl())
                .startsWith("jdbc:postgresql://cluster.abc");
        assertThat(SecretConnection.fetch(client, "pg", "redshift").jdbcUrl())
                .isEqualTo("jdbc:redshift://db.local:5432/appdb");
    }

    @Test
    void noEngineAnywhereMeansRedshift() {
        assertThat(SecretConnection.fetch(client, "no-engine", null).jdbcUrl()).isEqualTo("jdbc:redshift://h:5439/d");
    }

    @Test
    void notFound() {
        assertFails("missing-secret", RslcException.ErrorCode.USAGE, "secret 'missing-secret' not found",
                "us-east-1");
    }

    @Test
    void accessDenied() {
        assertFails("locked", RslcException.ErrorCode.AWS, "access denied reading secret 'locked'",
                "secretsmanager:GetSecretValue");
    }

    @Test
    void malformedJson() {
        assertFails("malformed", RslcException.ErrorCode.USAGE, "secret 'malformed' is not valid JSON");
        assertFails("not-json", RslcException.ErrorCode.USAGE, "secret 'not-json' is not");
    }

    @Test
    void missingPasswordKey() {
        assertFails("no-password", RslcException.ErrorCode.USAGE, "secret 'no-password' has no 'password' key");
    }

    @Test
    void badPortAndUnsupportedEngine() {
        assertFails("bad-port", RslcException.ErrorCode.USAGE, "key 'port' must be a whole number");
        assertFails("mysql", RslcException.ErrorCode.USAGE, "engine 'mysql' is not supported");
    }

    /** Fails as expected, and the password is nowhere: message, causes, stack trace text. */
    private static void assertFails(String id, RslcException.ErrorCode code, String... fragments) {
        assertThatThrownBy(() -> SecretConnection.fetch(client, id, null))
                .isInstanceOf(RslcException.class)
                .satisfies(e -> {
                    assertThat(((RslcException) e).code()).isEqualTo(code);
                    assertThat(e.getMessage()).contains(fragments);
                    StringWriter trace = new StringWriter();
                    e.printStackTrace(new PrintWriter(trace));
                    assertThat(trace.toString()).doesNotContain(PASSWORD).doesNotContain("s3cr3t");
                });
    }
}
