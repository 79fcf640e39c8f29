package dev.shard.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * DuckDB in this process, in memory, with {@code SET threads=n}: W2 and W3 as SQL over
 * tables loaded with the Appender from the same arrays the Java loops read (DuckDB cannot
 * reproduce the unsigned 64-bit SplitMix generator in SQL easily). Loading happens before
 * timing; each query call returns the workload's checksum, computed from its rows.
 */
final class DuckDbBaseline implements AutoCloseable {
    static final String GROUP_AGGREGATE = "SELECT key, count(*), sum(value), avg(value), min(value), max(value)"
            + " FROM w2 GROUP BY key";
    static final String FILTER_DERIVE = "SELECT k, sum(a * b + 1), count(*) FROM w3 WHERE a > 0.5 GROUP BY k";

    private final DuckDBConnection connection;

    DuckDbBaseline(int threads) throws SQLException {
        Connection opened = DriverManager.getConnection("jdbc:duckdb:");
        this.connection = opened.unwrap(DuckDBConnection.class);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET threads=" + threads);
        }
    }

    void load(WorkloadArrays.GroupAggregate data) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE w2 (key INTEGER, value DOUBLE)");
        }
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "w2")) {
            for (int i = 0; i < data.rows(); i++) {
                appender.beginRow().append(data.keys()[i]).append(data.values()[i]).endRow();
            }
        }
    }

    void load(WorkloadArrays.FilterDerive data) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE OR REPLACE TABLE w3 (a DOUBLE, b DOUBLE, k INTEGER)");
        }
        try (DuckDBAppender appender = connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, "w3")) {
            for (int i = 0; i < data.rows(); i++) {
                appender.beginRow().append(data.a()[i]).append(data.b()[i]).append(data.k()[i]).endRow();
            }
        }
    }

    /** Frees a loaded table's memory once its workload is measured. */
    void drop(String table) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS " + table);
        }
    }

    /** W2 checksum: sum over keys of (k+1) * (count + sum + mean + min + max). */
    double groupAggregate() throws SQLException {
        double checksum = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(GROUP_AGGREGATE)) {
            while (rows.next()) {
                checksum += (rows.getLong(1) + 1) * (rows.getLong(2) + rows.getDouble(3) + rows.getDouble(4)
                        + rows.getDouble(5) + rows.getDouble(6));
            }
        }
        return checksum;
    }

    /** W3 checksum: sum over keys of (k+1) * (count + sum). */
    double filterDerive() throws SQLException {
        double checksum = 0;
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(FILTER_DERIVE)) {
            while (rows.next()) {
                checksum += (rows.getLong(1) + 1) * (rows.getLong(3) + rows.getDouble(2));
            }
        }
        return checksum;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
