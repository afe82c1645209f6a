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

    @Override
    List<String> extraArgs() {
        return List.of("--warehouse", "redshift", "--user", "postgres");
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
}
