package io.rslc.api;

/**
 * Progress callbacks of a run, for logs, progress bars and embedding applications. Every method has a no-op
 * default; callbacks run on the executor's thread and must not throw.
 */
public interface RunListener {

    /** A table's lock was taken and its live plan computed. */
    default void tableStarted(TablePlan plan) {
    }

    /** A slice is about to start its transaction. */
    default void sliceStarted(TablePlan plan, SlicePlan slice) {
    }

    /** A slice committed. */
    default void sliceCommitted(TablePlan plan, SliceReport slice) {
    }

    /** A table finished, failed or was skipped. */
    default void tableFinished(TableReport report) {
    }

    /** Combines listeners; each is called in order. */
    static RunListener of(RunListener... listeners) {
        return new RunListener() {
            @Override
            public void tableStarted(TablePlan plan) {
                for (RunListener l : listeners) {
                    l.tableStarted(plan);
                }
            }

            @Override
            public void sliceStarted(TablePlan plan, SlicePlan slice) {
                for (RunListener l : listeners) {
                    l.sliceStarted(plan, slice);
                }
            }

            @Override
            public void sliceCommitted(TablePlan plan, SliceReport slice) {
                for (RunListener l : listeners) {
                    l.sliceCommitted(plan, slice);
                }
            }

            @Override
            public void tableFinished(TableReport report) {
                for (RunListener l : listeners) {
                    l.tableFinished(report);
                }
            }
        };
    }
}
