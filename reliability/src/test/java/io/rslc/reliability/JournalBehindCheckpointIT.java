package io.rslc.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.rslc.reliability.Subject.Format;
import io.rslc.reliability.Subject.Mode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A warehouse that loses commits it acknowledged (PostgreSQL with {@code synchronous_commit = off} crashing, as
 * the campaign's {@code postgres-restart-immediate-async-commit} faults do; or a warehouse restored to an earlier
 * point in time) leaves the journal behind the checkpoint, which lives elsewhere (the CSV, DynamoDB). The state
 * is reproduced exactly and deterministically: a complete run, then its last journal rows removed (their attempt
 * folders stay, as after the crash).
 */
@Tag("campaign")
class JournalBehindCheckpointIT {

    /** Unload-and-delete: the rows whose DELETE was lost are still in the table and archived again. Holds. */
    @Test
    void unloadAndDeleteRecoversWhenTheJournalLostCommits() throws Exception {
        Subject s = lostCommits(Mode.BOTH, "both");
        try {
            Rslc.Result rerun = Rslc.inProcess(s.config.getParent(), "rerun", s.runArgs());
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            Check.rows(s, true);
            Rslc.Result verify = Rslc.inProcess(s.config.getParent(), "verify", s.args("verify"));
            assertThat(verify.exit()).as(verify.all()).isZero();
        } finally {
            s.target.drop();
        }
    }

    /**
     * Bug 1 (engine, planning of unload-only rules; fixed): the live plan of an unload-only rule started after the
     * checkpoint, and reconciliation only ever moved the checkpoint forward to the journal. When the journal lost
     * the last slices (their rows still in the table, their files left as uncommitted attempts), the checkpoint
     * stayed past them and no run archived them again; {@code verify --clean-orphans} then removed the only files
     * holding them. Now the journal is the truth: the table resumes after the journal's newest committed slice,
     * with a warning naming both dates, in {@code run --dry-run} and in the run.
     */
    @Test
    void unloadOnlyArchivesAgainWhatTheJournalLost() throws Exception {
        Subject s = lostCommits(Mode.UNLOAD, "unload-only");
        try {
            List<String> dry = new ArrayList<>(s.runArgs());
            dry.add("--dry-run");
            Rslc.Result plan = Rslc.inProcess(s.config.getParent(), "dry-run", dry);
            assertThat(plan.exit()).as(plan.all()).isZero();
            assertThat(plan.all()).contains("is 2020-06-08, ahead of the journal's newest committed slice 2020-06-05");
            Rslc.Result rerun = Rslc.inProcess(s.config.getParent(), "rerun", s.runArgs());
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(rerun.all()).contains("WARNING: checkpoint: is 2020-06-08, ahead of the journal's newest "
                    + "committed slice 2020-06-05").contains("300 row(s) archived");
            Check.rows(s, true);
            assertThat(s.checkpoint()).isEqualTo("2020-06-08");
            Rslc.Result verify = Rslc.inProcess(s.config.getParent(), "verify", s.args("verify"));
            assertThat(verify.exit()).as(verify.all()).isZero();
        } finally {
            s.target.drop();
        }
    }

    /**
     * A checkpoint with no journal entry for its table is honoured, as one carried over from the original tool
     * (docs/migration.md): a journal without the table is not a journal that lost it, so nothing before the
     * checkpoint is archived and nothing is warned.
     */
    @Test
    void unloadOnlyWithoutJournalEntriesFollowsTheCheckpoint() throws Exception {
        Subject s = lostCommits(Mode.UNLOAD, "unload-only-migrated");
        try {
            s.target.exec("DELETE FROM rslc.slice_journal");
            Rslc.Result rerun = Rslc.inProcess(s.config.getParent(), "rerun", s.runArgs());
            assertThat(rerun.exit()).as(rerun.all()).isZero();
            assertThat(rerun.all()).as("nothing planned: the checkpoint is at the last due day")
                    .contains("0 row(s) archived").doesNotContain("ahead of the journal");
            assertThat(Check.journal(s)).isEmpty();
            assertThat(s.checkpoint()).isEqualTo("2020-06-08");
        } finally {
            s.target.drop();
        }
    }

    /** A complete run of {@code mode}, then the journal rows of the last three due days removed. */
    private static Subject lostCommits(Mode mode, String name) throws Exception {
        Path dir = Campaign.dir("journal-behind-checkpoint", name);
        Target target = Target.postgres();
        Subject s = Subject.standard(target, dir, mode, Format.CSV, dir.resolve("archive").toString(), 100).create();
        Rslc.Result run = Rslc.inProcess(dir, "run", s.runArgs());
        assertThat(run.exit()).as(run.all()).isZero();
        assertThat(s.checkpoint()).isEqualTo("2020-06-08");
        if (mode == Mode.BOTH) {
            // the lost transactions' DELETEs are lost with their journal rows: the rows are back in the table
            target.exec("INSERT INTO s.t SELECT g, DATE '" + Subject.FIRST + "' + (g % " + Subject.DAYS + "), "
                    + Subject.noteExpression("g") + ", g * 1.25, TIMESTAMPTZ '2020-06-01 00:00+00' + g * interval '1 minute'"
                    + " FROM generate_series(1, " + (100 * Subject.DAYS) + ") g WHERE DATE '" + Subject.FIRST
                    + "' + (g % " + Subject.DAYS + ") >= DATE '2020-06-06' AND DATE '" + Subject.FIRST + "' + (g % "
                    + Subject.DAYS + ") < DATE '2020-06-09'");
        }
        target.exec("DELETE FROM rslc.slice_journal WHERE slice_start >= DATE '2020-06-06'");
        return s;
    }
}
