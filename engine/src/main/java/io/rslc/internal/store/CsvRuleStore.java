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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Rules in a CSV file in the original's format. Checkpoints are written back into the file (atomically, under a
 * file lock, one field changed), so a CSV-configured job resumes where it stopped, like the DynamoDB one.
 */
public final class CsvRuleStore implements RuleStore {

    private final Path file;
    private final boolean writeCheckpoints;

    private CsvRuleStore(Path file, boolean writeCheckpoints) {
        this.file = Objects.requireNonNull(file, "file");
        this.writeCheckpoints = writeCheckpoints;
    }

    /** A store that writes checkpoints back into {@code file}. */
    public static CsvRuleStore of(Path file) {
        return new CsvRuleStore(file, true);
    }

    /** A store that never writes the file (checkpoint updates succeed and are forgotten). */
    public static CsvRuleStore readOnly(Path file) {
        return new CsvRuleStore(file, false);
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
    public boolean compareAndSetCheckpoint(TableName table, LocalDate expected, LocalDate next) {
        if (!writeCheckpoints) {
            return true;
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
             FileLock ignored = ch.lock()) {
            CsvRuleFormat.Parsed parsed = CsvRuleFormat.parse(name(), readBytes());
            List<RuleRecord> out = new ArrayList<>();
            boolean matched = false;
            for (RuleRecord r : parsed.records()) {
                if (r.get(RuleFields.SCHEMA_NAME).equals(table.schema())
                        && r.get(RuleFields.TABLE_NAME).equals(table.table()) && !matched) {
                    String current = r.get(RuleFields.CHECKPOINT).trim();
                    String currentDate = current.length() >= 10 ? current.substring(0, 10) : current;
                    String wanted = expected == null ? "" : expected.toString();
                    if (!currentDate.equals(wanted)) {
                        return false;
                    }
                    r = r.with(RuleFields.CHECKPOINT, next == null ? "" : next.toString());
                    matched = true;
                }
                out.add(r);
            }
            if (!matched) {
                return false;
            }
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            Files.write(tmp, CsvRuleFormat.write(parsed.header(), out));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException e) {
            throw new RslcException(RslcException.ErrorCode.USAGE,
                    "cannot write the checkpoint of " + table + " to " + file + ": " + e.getMessage(), e);
        }
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
