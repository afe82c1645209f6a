package io.rslc.cli;

import java.sql.SQLException;

/** Public access to {@link TestDatabase} for the stand-in package. */
public final class TestDatabaseAccess {

    private TestDatabaseAccess() {
    }

    public static String newDatabase() {
        return TestDatabase.newDatabase();
    }

    public static int port() {
        return TestDatabase.port();
    }

    public static void exec(String url, String... sql) throws SQLException {
        TestDatabase.exec(url, sql);
    }
}
