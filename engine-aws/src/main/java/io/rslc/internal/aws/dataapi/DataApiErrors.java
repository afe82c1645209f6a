package io.rslc.internal.aws.dataapi;

import io.rslc.internal.aws.AwsErrors;
import java.sql.SQLException;
import java.util.Locale;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.redshiftdata.model.ActiveSessionsExceededException;
import software.amazon.awssdk.services.redshiftdata.model.DatabaseConnectionException;

/**
 * The Data API's failures as {@link SQLException}s. A failed statement's {@code Error} carries Redshift's message
 * but no SQLSTATE, so the states rslc reacts to are recognised from the text: a serializable isolation violation
 * (Redshift's ERROR 1023, PostgreSQL's "could not serialize access") is 40001, so slices are retried as on JDBC.
 */
final class DataApiErrors {

    private DataApiErrors() {
    }

    /** A statement the Data API reports FAILED, with its error text. */
    static SQLException failed(String error) {
        String message = error == null || error.isBlank() ? "the statement failed (no error text)" : error.strip();
        return new SQLException(message, state(message));
    }

    /** A call the Data API refused, or that did not reach it. */
    static SQLException call(String what, SdkException e) {
        String state = e instanceof SdkClientException || e instanceof DatabaseConnectionException ? "08001"
                : e instanceof ActiveSessionsExceededException ? "53300" : null;
        return new SQLException("Redshift Data API " + what + ": " + AwsErrors.reason(e), state, e);
    }

    /** The SQLSTATE a message stands for, or null. */
    static String state(String message) {
        String m = message.toLowerCase(Locale.ROOT);
        if (m.contains("serializable isolation violation") || m.contains("could not serialize access")
                || m.matches("(?s).*\\berror: *1023\\b.*")) {
            return "40001";
        }
        if (m.contains("deadlock detected")) {
            return "40P01";
        }
        if (m.contains("duplicate key value")) {
            return "23505";
        }
        if (m.contains("relation") && m.contains("already exists")) {
            return "42P07";
        }
        if (m.contains("schema") && m.contains("already exists")) {
            return "42P06";
        }
        if (m.contains("relation") && m.contains("does not exist")) {
            return "42P01";
        }
        if (m.contains("permission denied")) {
            return "42501";
        }
        if (m.contains("statement timeout")) {
            return "57014";
        }
        return null;
    }
}
