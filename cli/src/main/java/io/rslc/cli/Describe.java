package io.rslc.cli;

import io.rslc.api.Mode;

/** Words for enum values in output. */
final class Describe {

    private Describe() {
    }

    /** {@code unload and delete}. */
    static String mode(Mode m) {
        return switch (m) {
            case UNLOAD_ONLY -> "unload only";
            case DELETE_ONLY -> "delete only";
            case UNLOAD_AND_DELETE -> "unload and delete";
        };
    }

    /** {@code unload_and_delete}, the JSON spelling. */
    static String modeKey(Mode m) {
        return m.name().toLowerCase(java.util.Locale.ROOT);
    }
}
