package io.rslc.cli;

import io.rslc.cli.standin.RedshiftStandIn;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.ResponseTransformer;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The kill scenario of {@link KillIT} on the Redshift path: the child {@code rslc run} uses the REAL Redshift
 * JDBC driver through pgbouncer, UNLOADs to S3 (s3proxy) via the test-only stand-in, and is killed the same way.
 * Its transactions are batches of two slices (one UNLOAD partitioned by slice into the batch's folder): the crash
 * points after the archive and before the commit of the second batch halt inside a batch.
 */
class RedshiftKillIT extends KillIT {

    RedshiftStandIn standIn;
    String prefix;

    @Override
    String[] database() throws Exception {
        standIn = RedshiftStandIn.start();
        RedshiftStandIn.Urls urls = standIn.newDatabase();
        prefix = "kill/" + System.nanoTime() + "/";
        return new String[] {urls.redshift(), urls.postgres()};
    }

    @Override
    String archiveLocation() {
        return "s3://" + RedshiftStandIn.BUCKET + "/" + prefix + "t";
    }

    /** Batches of 2 slices, as on PostgreSQL: one UNLOAD into the batch's folder, so kills land inside a batch. */
    @Override
    List<String> extraArgs() {
        return List.of("--warehouse", "redshift", "--user", "postgres", "--batch-rows", String.valueOf(2 * PER_DAY));
    }

    @Override
    List<String> jvmOptions() {
        return standIn.jvmOptions();
    }

    @Override
    List<String[]> dataFiles() {
        List<String[]> out = new ArrayList<>();
        for (S3Object o : standIn.s3().listObjectsV2Paginator(b -> b.bucket(RedshiftStandIn.BUCKET).prefix(prefix))
                .contents()) {
            if (o.key().contains("_part_")) {
                String text = standIn.s3().getObject(b -> b.bucket(RedshiftStandIn.BUCKET).key(o.key()),
                        ResponseTransformer.toBytes()).asString(StandardCharsets.UTF_8);
                String folder = "s3://" + RedshiftStandIn.BUCKET + "/" + o.key().substring(0, o.key().lastIndexOf('/') + 1);
                out.add(new String[] {folder, text});
            }
        }
        return out;
    }

    /** Every slice was journaled inside a batch's folder: the kills hit the batched path. */
    @Override
    void finish(java.util.Set<Long> initial) throws Exception {
        super.finish(initial);
        org.assertj.core.api.Assertions.assertThat(committedFolders()).hasSize(DAYS)
                .allMatch(f -> f.matches(".*/t/rslc_batch=2020-06-0\\d_g1/rslc_slice=2020-06-0\\d/rslc_gen=1/"));
    }
}
