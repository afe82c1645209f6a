package io.rslc.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.cli.standin.DataApiStandIn;
import io.rslc.internal.config.RuleFields;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --data-api}'s option combinations: each mistake is one line and exit code 2, before anything runs; a target
 * the Data API refuses is one line and exit code 1.
 */
class DataApiOptionsTest {

    @TempDir
    Path tmp;

    Cli.Result run(String command, String... options) throws Exception {
        Path csv = tmp.resolve("rules.csv");
        Files.writeString(csv, String.join(",", RuleFields.ORIGINAL) + "\ns,t,d,daily,10,,,,,,,,,,,,,10,1,\n");
        List<String> args = new ArrayList<>(List.of(command, "--config", csv.toString()));
        args.addAll(List.of(options));
        return Cli.run(args.toArray(String[]::new));
    }

    void assertUsage(Cli.Result r, String message) {
        assertThat(r.exit()).as(r.err()).isEqualTo(2);
        assertThat(r.err().strip()).isEqualTo("rslc: error: " + message);
        assertThat(r.out()).isEmpty();
    }

    @Test
    void contradictoryDataApiOptionsAreOneLineUsageErrors() throws Exception {
        assertUsage(run("run", "--data-api", "--cluster-id", "c1", "--workgroup", "wg", "--database", "dev"),
                "--data-api takes --cluster-id or --workgroup, not both");
        assertUsage(run("run", "--data-api", "--database", "dev"),
                "--data-api needs --cluster-id ID (a provisioned cluster) or --workgroup NAME (Serverless)");
        assertUsage(run("run", "--data-api", "--cluster-id", "c1"), "--data-api needs --database NAME");
        assertUsage(run("run", "--data-api", "--workgroup", "wg", "--database", "dev", "--db-user", "u"),
                "--db-user works with --cluster-id only: on a Serverless workgroup log in with --secret-arn or as "
                        + "your IAM identity");
        assertUsage(run("run", "--data-api", "--cluster-id", "c1", "--database", "dev", "--jdbc-url",
                "jdbc:redshift://h:5439/dev"), "--data-api replaces --jdbc-url: give one way to connect (with the "
                + "Data API, a secret is --secret-arn)");
        assertUsage(run("run", "--data-api", "--cluster-id", "c1", "--database", "dev", "--warehouse", "postgresql"),
                "--data-api is Redshift's: drop --warehouse postgresql");
        assertUsage(run("run", "--cluster-id", "c1", "--jdbc-url", "jdbc:redshift://h:5439/dev"),
                "--cluster-id goes with --data-api (for JDBC, give --jdbc-url or --secret)");
    }

    @Test
    void theArchiveCommandsCheckTheSameOptions() throws Exception {
        assertUsage(run("status", "--data-api", "--cluster-id", "c1", "--workgroup", "wg", "--database", "dev"),
                "--data-api takes --cluster-id or --workgroup, not both");
        assertUsage(run("verify", "--data-api", "--cluster-id", "c1", "--database", "dev", "--secret-arn", "arn:s",
                "--db-user", "u"), "--secret-arn and --db-user are two ways to log in: give one, or neither to log in "
                + "as your IAM identity");
    }

    @Test
    void aClusterTheDataApiDoesNotKnowIsOneLineAndExitCode1() throws Exception {
        try (DataApiStandIn api = new DataApiStandIn("jdbc:rslc-standin:redshift://127.0.0.1:1/dev?ssl=false")) {
            Cli.Result r = run("run", "--data-api", "--cluster-id", "no-such-cluster", "--database", "dev",
                    "--data-api-endpoint", api.endpoint().toString(), "--region", "us-east-1");
            assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(1);
            assertThat(r.err().strip()).doesNotContain("\n").startsWith("rslc: error: cannot prepare the journal "
                    + "rslc.slice_journal: Redshift Data API cannot open a session on cluster no-such-cluster, database "
                    + "dev, IAM identity: ResourceNotFoundException: ");
        }
    }
}
