package com.shop.cdc.console.account;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** The console's two tables in the ledger database, created when missing. */
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

    private final AgroalDataSource dataSource;

    public LedgerSchema(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void create() {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute(USERS);
            statement.execute(AUDIT);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the console's tables in the ledger database", e);
        }
    }
}
