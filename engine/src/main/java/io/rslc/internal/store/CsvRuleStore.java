package io.rslc.internal.store;

import io.rslc.api.RslcException;
import io.rslc.api.RuleSet;
import io.rslc.api.TableName;
import io.rslc.internal.config.CsvRuleFormat;
import io.rslc.internal.config.RuleFields;
import io.rslc.internal.config.RuleRecord;
import io.rslc.spi.RuleStore;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.LocalDate;
import java.util.Objects;

/**
 * Rules in a CSV file in the original's format. A run never changes the file by default: a configuration kept in
 * git stays as it was, and the checkpoint a table resumes from is the journal's last committed slice (the executor
 * adopts it when it is later than the file's). {@link #withCheckpoints} writes checkpoints back (rslc run
 * --write-checkpoints): one field changed per table, every other byte as it was, atomically (a temporary file
 * renamed over the original, with its permissions), under a lock on {@code <file>.lock}.
 */
public final class CsvRuleStore implements RuleStore {

    private final Path file;
    private final boolean writeCheckpoints;

    private CsvRuleStore(Path file, boolean writeCheckpoints) {
        this.file = Objects.requireNonNull(file, "file");
        this.writeCheckpoints = writeCheckpoints;
    }

    /** A store that never writes the file: checkpoint updates succeed and are forgotten (the journal keeps them). */
    public static CsvRuleStore of(Path file) {
        return new CsvRuleStore(file, false);
    }

    /** A store that writes checkpoints back into {@code file}. */
    public static CsvRuleStore withCheckpoints(Path file) {
        return new CsvRuleStore(file, true);
    }

    public Path file() {
        return file;
    }

    @Override
    public String name() {
        return file.toString();
    }

    @Override
    public RuleSet load() {
        return CsvRuleFormat.read(name(), readBytes());
    }

    @Override
    public boolean storesCheckpoints() {
        return writeCheckpoints;
    }

    /**
     * For a store that writes checkpoints: fails now, before any table runs, if the file could not be written at the
     * end of a table (read-only file or folder, no checkpoint column).
     *
     * @throws RslcException with {@code USAGE}, saying what to change
     */
    public void checkWritable() {
        if (!writeCheckpoints) {
            return;
        }
        CsvRuleFormat.Parsed parsed = CsvRuleFormat.parse(name(), readBytes());
        if (!parsed.header().contains(RuleFields.CHECKPOINT)) {
            throw usage("cannot write checkpoints to " + file + ": its header has no checkpoint column; add one "
                    + "or run without --write-checkpoints");
        }
        if (readOnly()) {
            throw usage("cannot write checkpoints to " + file + ": the file is read-only; make it writable or run "
                    + "without --write-checkpoints (the journal keeps the progress)");
        }
        Path folder = file.toAbsolutePath().getParent();
        try {
            Files.delete(Files.createTempFile(folder, "." + file.getFileName() + ".", ".probe"));
        } catch (IOException | UnsupportedOperationException e) {
            throw usage("cannot write checkpoints to " + file + ": its folder " + folder + " is not writable ("
                    + IoErrors.describe(e) + "; the file is replaced atomically through a temporary file beside it); "
                    + "run without --write-checkpoints (the journal keeps the progress)");
        }
    }

    /** Read-only as its owner set it: no write permission for the owner (root would write it anyway). */
    private boolean readOnly() {
        try {
            return !Files.getPosixFilePermissions(file).contains(PosixFilePermission.OWNER_WRITE);
        } catch (UnsupportedOperationException e) {
            return !Files.isWritable(file);
        } catch (IOException e) {
            return false; // reading it succeeded a moment ago; the write will say what is wrong
        }
    }

    @Override
    public boolean compareAndSetCheckpoint(TableName table, LocalDate expected, LocalDate next) {
        if (!writeCheckpoints) {
            return true;
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            if (readOnly()) {
                throw usage("cannot write the checkpoint of " + table + " to " + file + ": the file is read-only");
            }
            byte[] content = readBytes();
            CsvRuleFormat.Parsed parsed = CsvRuleFormat.parse(name(), content);
            int column = parsed.header().indexOf(RuleFields.CHECKPOINT);
            if (column < 0) {
                throw usage("cannot write the checkpoint of " + table + " to " + file + ": its header has no "
                        + "checkpoint column");
            }
            RuleRecord row = parsed.records().stream()
                    .filter(r -> r.get(RuleFields.SCHEMA_NAME).equals(table.schema())
                            && r.get(RuleFields.TABLE_NAME).equals(table.table()))
                    .findFirst().orElse(null);
            if (row == null) {
                return false;
            }
            String current = row.get(RuleFields.CHECKPOINT).trim();
            String currentDate = current.length() >= 10 ? current.substring(0, 10) : current;
            if (!currentDate.equals(expected == null ? "" : expected.toString())) {
                return false;
            }
            byte[] out = CsvRuleFormat.replaceField(content, row.line(), column, next == null ? "" : next.toString());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, out);
            copyPermissions(tmp);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE,
                    "cannot write the checkpoint of " + table + " to " + file + ": " + IoErrors.describe(e), e);
        }
    }

    private void copyPermissions(Path tmp) {
        try {
            Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(file));
        } catch (UnsupportedOperationException | IOException e) {
            // not a POSIX file system: the new file has the default permissions
        }
    }

    private static RslcException usage(String message) {
        return new RslcException(RslcException.ErrorCode.USAGE, message);
    }

    private byte[] readBytes() {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "config file not found: " + file);
        } catch (IOException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE, "cannot read config file " + file + ": "
                    + e.getMessage(), e);
        }
    }
}
