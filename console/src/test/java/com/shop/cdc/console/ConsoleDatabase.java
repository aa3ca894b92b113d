package com.shop.cdc.console;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;

/** The tests' ledger: database console_test on the local PostgreSQL, created when missing, its tables made afresh. */
public class ConsoleDatabase implements QuarkusTestResourceLifecycleManager {

    static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/";

    @Override
    public Map<String, String> start() {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "postgres");
             Statement statement = connection.createStatement();
             ResultSet found = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'console_test'")) {
            if (!found.next()) {
                statement.execute("CREATE DATABASE console_test");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the tests need PostgreSQL on 127.0.0.1:5432 (dev/stack up)", e);
        }
        try (Connection connection = DriverManager.getConnection(SERVER + "console_test", "postgres", "postgres");
             Statement statement = connection.createStatement()) {
            statement.execute("DROP TABLE IF EXISTS console_user, console_audit, console_reconciliation_run, cdc_dead_letter");
            // the services' ledger table, with the columns the console's chart reads
            statement.execute("CREATE TABLE cdc_dead_letter (id BIGSERIAL PRIMARY KEY, service TEXT, first_failed_at TIMESTAMPTZ)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
        // the database stays for the next run, which starts it afresh
    }
}
