package com.shop.cdc.console.audit;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/** Who did what, when: table {@code console_audit} in the ledger database. */
@ApplicationScoped
public class AuditLog {

    private static final Logger LOG = Logger.getLogger(AuditLog.class);
    private static final int MAX_TEXT = 2000;

    private final AgroalDataSource dataSource;

    public AuditLog(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void record(String username, String action, String service, String subject, String outcome) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "INSERT INTO console_audit (username, action, service, subject, outcome) VALUES (?, ?, ?, ?, ?)")) {
            statement.setString(1, username);
            statement.setString(2, action);
            statement.setString(3, service);
            statement.setString(4, bounded(subject));
            statement.setString(5, bounded(outcome));
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot write console_audit", e);
        }
        // ids and names only: what a record held never reaches the log
        LOG.infof("%s: %s %s %s", username, action, service == null ? "" : service, subject == null ? "" : subject);
    }

    /** The newest entries first. */
    public List<AuditEntry> latest(int limit, int offset) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(
                "SELECT id, at, username, action, service, subject, outcome FROM console_audit ORDER BY id DESC LIMIT ? OFFSET ?")) {
            statement.setInt(1, limit);
            statement.setInt(2, offset);
            List<AuditEntry> entries = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    entries.add(new AuditEntry(rows.getLong(1), rows.getTimestamp(2).toInstant(), rows.getString(3),
                            rows.getString(4), rows.getString(5), rows.getString(6), rows.getString(7)));
                }
            }
            return entries;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read console_audit", e);
        }
    }

    private static String bounded(String text) {
        return text == null || text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT);
    }
}
