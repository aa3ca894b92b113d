package com.shop.cdc.console.reconcile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.console.ConsoleConfig;
import com.shop.cdc.console.services.ReconciliationReport;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The reconciliations run from the console and their reports: table {@code console_reconciliation_run}. */
@ApplicationScoped
public class ReconciliationRuns {

    /** A run left unfinished past the timeout was cut short by a stop of the console: it shows as abandoned. */
    private static final String COLUMNS = """
            id, service, started_by, started_at, finished_at,
            CASE WHEN finished_at IS NULL AND started_at < now() - make_interval(secs => ?) THEN 'abandoned'
                 ELSE outcome END, error, report::text""";

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;
    private final double timeoutSeconds;

    public ReconciliationRuns(AgroalDataSource dataSource, ObjectMapper json, ConsoleConfig config) {
        this.dataSource = dataSource;
        this.json = json;
        this.timeoutSeconds = config.reconciliationTimeout().toMillis() / 1000.0;
    }

    /** Records a new run of the service, unless one is running: its id, or empty. */
    public Optional<Long> start(String service, String startedBy) {
        String sql = """
                INSERT INTO console_reconciliation_run (service, started_by, outcome)
                SELECT ?, ?, 'running' WHERE NOT EXISTS (
                    SELECT 1 FROM console_reconciliation_run WHERE service = ? AND finished_at IS NULL
                    AND started_at >= now() - make_interval(secs => ?))
                RETURNING id""";
        try (Connection connection = dataSource.getConnection();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, service);
            statement.setString(2, startedBy);
            statement.setString(3, service);
            statement.setDouble(4, timeoutSeconds);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write console_reconciliation_run", e);
        }
    }

    /** The service's report, as it answered; clean or differences. */
    public void finished(long id, String report, boolean clean) {
        finish(id, clean ? "clean" : "differences", null, report);
    }

    public void failed(long id, String error) {
        finish(id, "failed", error, null);
    }

    /** The newest first. */
    public List<ReconciliationRun> latest(int limit) {
        return select("SELECT " + COLUMNS + " FROM console_reconciliation_run ORDER BY id DESC LIMIT ?", limit);
    }

    public Optional<ReconciliationRun> find(long id) {
        return select("SELECT " + COLUMNS + " FROM console_reconciliation_run WHERE id = ?", id).stream().findFirst();
    }

    private void finish(long id, String outcome, String error, String report) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "UPDATE console_reconciliation_run SET finished_at = now(), outcome = ?, error = ?, report = ?::jsonb"
                        + " WHERE id = ?")) {
            statement.setString(1, outcome);
            statement.setString(2, error);
            statement.setString(3, report);
            statement.setLong(4, id);
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write console_reconciliation_run", e);
        }
    }

    private List<ReconciliationRun> select(String sql, long parameter) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setDouble(1, timeoutSeconds);
            statement.setLong(2, parameter);
            List<ReconciliationRun> runs = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    Timestamp finished = rows.getTimestamp(5);
                    runs.add(new ReconciliationRun(rows.getLong(1), rows.getString(2), rows.getString(3),
                            rows.getTimestamp(4).toInstant(), finished == null ? null : finished.toInstant(),
                            rows.getString(6), rows.getString(7), report(rows.getString(8))));
                }
            }
            return runs;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console_reconciliation_run", e);
        }
    }

    private ReconciliationReport report(String text) {
        try {
            return text == null ? null : json.readValue(text, ReconciliationReport.class);
        } catch (IOException e) {
            throw new IllegalStateException("console_reconciliation_run holds a report that is not one", e);
        }
    }
}
