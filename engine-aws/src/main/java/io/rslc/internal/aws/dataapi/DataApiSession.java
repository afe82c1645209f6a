package io.rslc.internal.aws.dataapi;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.redshiftdata.RedshiftDataClient;
import software.amazon.awssdk.services.redshiftdata.model.ColumnMetadata;
import software.amazon.awssdk.services.redshiftdata.model.DescribeStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementRequest;
import software.amazon.awssdk.services.redshiftdata.model.ExecuteStatementResponse;
import software.amazon.awssdk.services.redshiftdata.model.Field;
import software.amazon.awssdk.services.redshiftdata.model.GetStatementResultResponse;
import software.amazon.awssdk.services.redshiftdata.model.SqlParameter;

/**
 * One Redshift session reached through the Data API: the first statement opens it ({@code ExecuteStatement} with
 * the target, the login and {@code SessionKeepAliveSeconds}), later ones name its {@code SessionId}, so they run
 * one after another in the same database session: a transaction spans calls, {@code pg_last_unload_count()}
 * answers for the session's last UNLOAD, and {@code pg_backend_pid()} (the run lock's owner) stays the same.
 * Each call is asynchronous; {@link #execute} polls {@code DescribeStatement} until the statement is FINISHED,
 * FAILED or ABORTED, waiting from {@code pollFirst} doubling up to {@code pollMax} between polls.
 */
final class DataApiSession {

    /** A finished statement: its id, whether it returned rows, and how many rows it returned or changed. */
    record Done(String id, boolean hasResultSet, long rows) {
    }

    /** A statement's rows, read whole (every page of {@code GetStatementResult}). */
    record Rows(List<ColumnMetadata> columns, List<List<Field>> records) {
    }

    private final RedshiftDataClient client;
    private final DataApiTarget target;
    private final DataApiDataSource.Settings settings;
    private final Clock clock;
    private String sessionId;
    private Instant lastUsed;
    private boolean broken;

    DataApiSession(RedshiftDataClient client, DataApiTarget target, DataApiDataSource.Settings settings, Clock clock) {
        this.client = client;
        this.target = target;
        this.settings = settings;
        this.clock = clock;
    }

    /** Runs one statement in this session and waits for it. */
    Done execute(String sql, List<SqlParameter> parameters) throws SQLException {
        ExecuteStatementRequest.Builder b = ExecuteStatementRequest.builder().sql(sql);
        if (!parameters.isEmpty()) {
            b.parameters(parameters);
        }
        if (sessionId == null) {
            target.applyTo(b);
            b.sessionKeepAliveSeconds((int) settings.keepAlive().toSeconds());
        } else {
            b.sessionId(sessionId);
        }
        ExecuteStatementResponse started;
        try {
            started = client.executeStatement(b.build());
        } catch (SdkException e) {
            broken = sessionId != null; // a session that refuses statements is not given out again
            throw DataApiErrors.call(sessionId == null ? "cannot open a session on " + target.describe()
                    : "refused a statement", e);
        }
        if (sessionId == null) {
            sessionId = started.sessionId();
        }
        try {
            return await(started.id());
        } finally {
            lastUsed = clock.instant();
        }
    }

    private Done await(String id) throws SQLException {
        Duration wait = settings.pollFirst();
        while (true) {
            DescribeStatementResponse d;
            try {
                d = client.describeStatement(r -> r.id(id));
            } catch (SdkException e) {
                broken = true;
                throw DataApiErrors.call("cannot describe statement " + id, e);
            }
            switch (d.statusAsString()) {
                case "FINISHED":
                    return new Done(id, Boolean.TRUE.equals(d.hasResultSet()),
                            d.resultRows() == null ? -1 : d.resultRows());
                case "FAILED":
                    throw DataApiErrors.failed(d.error());
                case "ABORTED":
                    throw new SQLException("statement " + id + " was aborted (cancelled, or its session ended)",
                            "57014");
                default:
                    sleep(wait, id);
                    wait = wait.multipliedBy(2).compareTo(settings.pollMax()) > 0 ? settings.pollMax()
                            : wait.multipliedBy(2);
            }
        }
    }

    /** Every row of a finished statement that returned rows. */
    Rows rows(String id) throws SQLException {
        List<ColumnMetadata> columns = null;
        List<List<Field>> records = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            GetStatementResultResponse page;
            try {
                page = client.getStatementResult(r -> r.id(id).nextToken(next));
            } catch (SdkException e) {
                throw DataApiErrors.call("cannot read the result of statement " + id, e);
            }
            if (columns == null) {
                columns = page.columnMetadata();
            }
            records.addAll(page.records());
            token = page.nextToken();
        } while (token != null && !token.isEmpty());
        return new Rows(columns == null ? List.of() : columns, records);
    }

    /** Whether the pool may give this session out again: it works and will not expire soon. */
    boolean reusable() {
        return !broken && sessionId != null && lastUsed != null
                && Duration.between(lastUsed, clock.instant()).compareTo(settings.keepAlive().dividedBy(2)) < 0;
    }

    void markBroken() {
        broken = true;
    }

    private void sleep(Duration wait, String id) throws SQLException {
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            broken = true;
            try {
                client.cancelStatement(r -> r.id(id));
            } catch (SdkException ignored) {
                // best effort: the statement may have just finished
            }
            throw new SQLException("interrupted while statement " + id + " ran; cancelled it", "57014", e);
        }
    }

    @Override
    public String toString() {
        return "DataApiSession[" + target.describe() + ", session " + sessionId + "]";
    }
}
