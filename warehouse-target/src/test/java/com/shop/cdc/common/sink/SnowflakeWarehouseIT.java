package com.shop.cdc.common.sink;

import com.shop.cdc.common.sink.warehouse.WarehouseDialect;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

/**
 * The scenarios of {@link WarehouseChangeWriterIT} on a real Snowflake, run only when SNOWFLAKE_ACCOUNT,
 * SNOWFLAKE_USER, SNOWFLAKE_PASSWORD, SNOWFLAKE_DATABASE, SNOWFLAKE_SCHEMA and SNOWFLAKE_WAREHOUSE are
 * set; reported as skipped otherwise. Results come back as JSON, so Java 17 needs no {@code --add-opens}
 * for the driver's Arrow format.
 */
@EnabledIfEnvironmentVariable(named = "SNOWFLAKE_ACCOUNT", matches = ".+")
class SnowflakeWarehouseIT {

    private final WarehouseChangeWriterIT scenarios = new WarehouseChangeWriterIT();

    @Test
    void shuffledDuplicatedDeliveryEndsEqualToTheSource() throws Exception {
        scenarios.shuffledDuplicatedDeliveryEndsEqualToTheSource(WarehouseDialect.SNOWFLAKE, url());
    }

    @Test
    void lateOlderUpsertsTruncatesAndUnchangedColumns() throws Exception {
        scenarios.lateOlderUpsertsTruncatesAndUnchangedColumns(WarehouseDialect.SNOWFLAKE, url());
    }

    @Test
    void newSourceFieldsBecomeColumnsAndMisfitsAreRejected() throws Exception {
        scenarios.newSourceFieldsBecomeColumnsAndMisfitsAreRejected(WarehouseDialect.SNOWFLAKE, url());
    }

    private static String url() {
        String parameters = List.of("user", "password", "db", "schema", "warehouse").stream()
                .map(name -> name + "=" + URLEncoder.encode(variable(name.equals("db") ? "DATABASE" : name.toUpperCase()),
                        StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return "jdbc:snowflake://" + variable("ACCOUNT") + ".snowflakecomputing.com/?" + parameters
                + "&JDBC_QUERY_RESULT_FORMAT=JSON";
    }

    private static String variable(String name) {
        String value = System.getenv("SNOWFLAKE_" + name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("SNOWFLAKE_" + name + " is needed with SNOWFLAKE_ACCOUNT");
        }
        return value;
    }
}
