package com.shop.cdc.console.history;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * Dead letters per hour over the last day, all services, read from the services' ledger table
 * {@code cdc_dead_letter} in the same database: one query, where asking each service for each hour would be 120.
 */
@ApplicationScoped
public class DeadLetterHistory {

    public static final int HOURS = 24;
    private static final String PER_HOUR = """
            SELECT floor(extract(epoch FROM date_trunc('hour', now()) - date_trunc('hour', first_failed_at)) / 3600)::int,
                   count(*)
            FROM cdc_dead_letter WHERE first_failed_at >= date_trunc('hour', now()) - make_interval(hours => ?)
            GROUP BY 1""";

    private final AgroalDataSource dataSource;

    public DeadLetterHistory(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Counts, oldest hour first, the current hour last; empty when the ledger has no dead-letter table. */
    public Optional<long[]> perHour() {
        try (Connection connection = dataSource.getConnection(); PreparedStatement statement = connection.prepareStatement(PER_HOUR)) {
            statement.setInt(1, HOURS - 1);
            long[] counts = new long[HOURS];
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    int hoursAgo = rows.getInt(1);
                    if (hoursAgo >= 0 && hoursAgo < HOURS) {
                        counts[HOURS - 1 - hoursAgo] = rows.getLong(2);
                    }
                }
            }
            return Optional.of(counts);
        } catch (SQLException e) {
            return Optional.empty(); // no service has written to this ledger yet: no chart
        }
    }
}
