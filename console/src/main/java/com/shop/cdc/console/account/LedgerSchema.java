package com.shop.cdc.console.account;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The console's tables in the ledger database, created when missing. */
@ApplicationScoped
public class LedgerSchema {

    private static final String USERS = """
            CREATE TABLE IF NOT EXISTS console_user (
                username TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL,
                created_at TIMESTAMPTZ NOT NULL DEFAULT now())""";
    private static final String AUDIT = """
            CREATE TABLE IF NOT EXISTS console_audit (
                id BIGSERIAL PRIMARY KEY,
                at TIMESTAMPTZ NOT NULL DEFAULT now(),
                username TEXT NOT NULL,
                action TEXT NOT NULL,
                service TEXT,
                subject TEXT,
                outcome TEXT NOT NULL)""";
    /** outcome: running, clean, differences or failed (error says why); report: the service's report as it answered. */
    private static final String RECONCILIATION_RUNS = """
            CREATE TABLE IF NOT EXISTS console_reconciliation_run (
                id BIGSERIAL PRIMARY KEY,
                service TEXT NOT NULL,
                started_by TEXT NOT NULL,
                started_at TIMESTAMPTZ NOT NULL DEFAULT now(),
                finished_at TIMESTAMPTZ,
                outcome TEXT NOT NULL,
                error TEXT,
                report JSONB)""";

    private final AgroalDataSource dataSource;

    public LedgerSchema(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(USERS);
            statement.execute(AUDIT);
            statement.execute(RECONCILIATION_RUNS);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the console's tables in the ledger database", e);
        }
    }
}
