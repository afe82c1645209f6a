package io.rslc.api;

import java.util.Optional;

/**
 * What a rule does with due rows: the original's {@code update_delete_flag}.
 */
public enum Mode {
    /** Flag 0: archive the rows, keep them in the table. */
    UNLOAD_ONLY(0),
    /** Flag 1: delete the rows without archiving them. */
    DELETE_ONLY(1),
    /** Flag 2: archive the rows, then delete them. */
    UNLOAD_AND_DELETE(2);

    private final int flag;

    Mode(int flag) {
        this.flag = flag;
    }

    /** The original's {@code update_delete_flag} value. */
    public int flag() {
        return flag;
    }

    /** True if rows are written to the archive. */
    public boolean archives() {
        return this != DELETE_ONLY;
    }

    /** True if rows are deleted from the table. */
    public boolean deletes() {
        return this != UNLOAD_ONLY;
    }

    /** The mode for an {@code update_delete_flag}, empty if the flag is not 0, 1 or 2. */
    public static Optional<Mode> ofFlag(int flag) {
        for (Mode m : values()) {
            if (m.flag == flag) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }
}
