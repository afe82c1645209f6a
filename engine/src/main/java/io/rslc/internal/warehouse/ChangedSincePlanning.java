package io.rslc.internal.warehouse;

/**
 * Thrown inside a batch's transaction when its rows no longer match its plan in a way a retry of the same batch
 * cannot fix (a delete-only batch deleting other than the planned rows; rows of an unplanned slice in a Redshift
 * batch's range). The executor rolls the batch back and runs its slices one per transaction, each verified on
 * its own; the slices it did not plan wait for the next run.
 */
public final class ChangedSincePlanning extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ChangedSincePlanning(String what) {
        super(what, null, false, false);
    }
}
