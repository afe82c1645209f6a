package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@code ..} and symbolic links in local archive paths, end to end: a slice folder replaced by a link to a folder
 * outside the archive (what another user, or a mistaken {@code ln -s}, could plant) is never written, truncated,
 * read or deleted through, by {@code run} or {@code verify --clean-orphans}; its slice fails naming the link and
 * keeps its rows; once the link is gone the re-run completes, every row checked by id. A configured local folder
 * with a {@code ..} segment is refused before anything runs.
 */
@Tag("campaign")
class LinkCampaignIT {

    @Test
    void aLinkPlantedInTheArchiveIsNeverFollowed() throws Exception {
        Path dir = Campaign.dir("links", "slice-folder-link");
        Target target = Target.postgres();
        try {
            Path archive = dir.resolve("archive");
            Subject s = Subject.standard(target, dir, Mode.BOTH, Format.CSV, archive.toString(), 100).create();
            Path victim = dir.resolve("victim");
            Files.createDirectories(victim.resolve("rslc_gen=1"));
            Files.writeString(victim.resolve("rslc_gen=1/0000_part_00"), "precious");
            Files.createDirectories(archive);
            Path link = archive.resolve("rslc_slice=2020-06-03");
            Files.createSymbolicLink(link, victim);

            List<String> run = new ArrayList<>(s.runArgs());
            run.addAll(List.of("--batch-rows", "0"));
            Rslc.Result first = Rslc.inProcess(dir, "run", run);
            assertThat(first.exit()).as(first.all()).isEqualTo(1);
            assertThat(first.all()).contains("is a symbolic link inside the archive, which rslc never follows")
                    .contains(link.toString()).doesNotContain("Exception");
            Check.rows(s, false);
            Rslc.Result clean = Rslc.inProcess(dir, "verify", s.args("verify", "--clean-orphans"));
            assertThat(clean.all()).doesNotContain("Exception");
            assertThat(Files.readString(victim.resolve("rslc_gen=1/0000_part_00"))).as("the link's target")
                    .isEqualTo("precious");
            try (var files = Files.list(victim)) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("rslc_gen=1");
            }
            try (var files = Files.list(victim.resolve("rslc_gen=1"))) {
                assertThat(files.map(p -> p.getFileName().toString())).containsExactly("0000_part_00");
            }

            Files.deleteIfExists(link); // the operator removes it, as the message says
            Rslc.Result rerun = Rslc.inProcess(dir, "rerun", run);
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            Check.Counts counts = Check.rows(s, true);
            Rslc.Result verify = Rslc.inProcess(dir, "verify-final", s.args("verify"));
            assertThat(verify.exit()).as(verify.all()).isZero();
            Campaign.record("a link planted in a local archive (slice folder -> outside)", 1, counts,
                    "slice FAILED naming the link (exit 1), target untouched by run and verify --clean-orphans; "
                            + "link removed, re-run exit 0, verify clean");
        } finally {
            target.drop();
        }
    }

    @Test
    void aLocalFolderWithDotDotIsRefusedBeforeAnythingRuns() throws Exception {
        Path dir = Campaign.dir("links", "dot-dot");
        Target target = Target.postgres();
        try {
            String location = dir.resolve("archive") + "/../elsewhere";
            Subject s = Subject.standard(target, dir, Mode.BOTH, Format.CSV, location, 100).create();
            Rslc.Result r = Rslc.inProcess(dir, "run", s.runArgs());
            assertThat(r.exit()).as(r.all()).isIn(1, 2);
            assertThat(r.all()).contains("line 2, s3_path: contains a '..' segment").doesNotContain("Exception");
            assertThat(target.count("SELECT count(*) FROM s.t")).as("nothing deleted").isEqualTo(100L * Subject.DAYS);
            assertThat(dir.resolve("elsewhere")).doesNotExist();
            Campaign.record("a local s3_path with '..'", 0, new Check.Counts(100L * Subject.DAYS, 0, 0),
                    "refused naming line and field, nothing deleted, nothing written");
        } finally {
            target.drop();
        }
    }
}
