package com.shop.cdc.common.sink.warehouse;

import java.time.Duration;
import java.util.Properties;

/**
 * What differs between warehouses: type names, how a JSON column is produced from staged text,
 * and how temporary tables are declared. The statements themselves are shared ({@link MergeSql}).
 */
public enum WarehouseDialect {

    DUCKDB("org.duckdb.DuckDBDriver") {
        @Override
        public String typeName(ColumnType type) {
            return switch (type.kind()) {
                case BIGINT -> "BIGINT";
                case INTEGER -> "INTEGER";
                case DECIMAL -> "DECIMAL(" + type.precision() + "," + type.scale() + ")";
                case DOUBLE -> "DOUBLE";
                case BOOLEAN -> "BOOLEAN";
                case VARCHAR, JSON -> "VARCHAR";
                case DATE -> "DATE";
                case TIMESTAMP -> "TIMESTAMPTZ";
                case TIME -> "TIME";
            };
        }
    },

    POSTGRESQL("org.postgresql.Driver") {
        @Override
        public String typeName(ColumnType type) {
            return switch (type.kind()) {
                case BIGINT -> "BIGINT";
                case INTEGER -> "INTEGER";
                case DECIMAL -> "NUMERIC(" + type.precision() + "," + type.scale() + ")";
                case DOUBLE -> "DOUBLE PRECISION";
                case BOOLEAN -> "BOOLEAN";
                case VARCHAR -> "TEXT";
                case JSON -> "JSONB";
                case DATE -> "DATE";
                case TIMESTAMP -> "TIMESTAMPTZ";
                case TIME -> "TIME";
            };
        }

        @Override
        public String stagedTypeName(ColumnType type) {
            return type.kind() == ColumnType.Kind.JSON ? "TEXT" : typeName(type);
        }

        @Override
        public String jsonFromText(String expression) {
            return "CAST(" + expression + " AS JSONB)";
        }

        /**
         * DELETE leaves dead rows, and a temporary table is never vacuumed: after a thousand batches
         * of 300 rows every scan of the stage read 13,637 pages (66 ms). TRUNCATE frees them.
         */
        @Override
        public String clearTable(String table) {
            return "TRUNCATE " + table;
        }
    },

    SNOWFLAKE("net.snowflake.client.jdbc.SnowflakeDriver") {
        @Override
        public String typeName(ColumnType type) {
            return switch (type.kind()) {
                case BIGINT -> "NUMBER(19,0)";
                case INTEGER -> "NUMBER(10,0)";
                case DECIMAL -> "NUMBER(" + type.precision() + "," + type.scale() + ")";
                case DOUBLE -> "FLOAT";
                case BOOLEAN -> "BOOLEAN";
                case VARCHAR -> "VARCHAR";
                case JSON -> "VARIANT";
                case DATE -> "DATE";
                case TIMESTAMP -> "TIMESTAMP_TZ";
                case TIME -> "TIME";
            };
        }

        @Override
        public String stagedTypeName(ColumnType type) {
            return type.kind() == ColumnType.Kind.JSON ? "VARCHAR" : typeName(type);
        }

        /** Expressions inside VALUES must be constants on Snowflake: JSON is parsed in the SELECT over the stage. */
        @Override
        public String jsonFromText(String expression) {
            return "PARSE_JSON(" + expression + ")";
        }

        @Override
        public String temporaryTable() {
            return "CREATE TEMPORARY TABLE IF NOT EXISTS";
        }
    };

    private final String driver;

    WarehouseDialect(String driver) {
        this.driver = driver;
    }

    /**
     * Loads the dialect's JDBC driver: registered explicitly, because a driver that DriverManager
     * finds through the service loader depends on the class loader of the thread that asks first.
     *
     * @throws IllegalArgumentException when the driver is not on the class path
     */
    public void loadDriver() {
        try {
            Class.forName(driver);
        } catch (ClassNotFoundException e) {
            throw new IllegalArgumentException("cdc.warehouse.dialect=" + name().toLowerCase(java.util.Locale.ROOT)
                    + " needs the JDBC driver " + driver + " on the class path", e);
        }
    }

    /**
     * Connection properties that bound every call by {@code timeout}, so that a server that hangs
     * (connections open, no answer) fails the write as unavailable instead of holding it for ever.
     * DuckDB runs in the process: nothing to bound.
     */
    public Properties timeouts(Duration timeout) {
        Properties properties = new Properties();
        long seconds = Math.max(1, timeout.toSeconds());
        switch (this) {
            case POSTGRESQL -> {
                properties.setProperty("connectTimeout", Long.toString(Math.min(seconds, 30)));
                properties.setProperty("socketTimeout", Long.toString(seconds));
            }
            case SNOWFLAKE -> {
                properties.setProperty("networkTimeout", Long.toString(timeout.toMillis()));
                properties.setProperty("queryTimeout", Long.toString(seconds));
            }
            case DUCKDB -> {
            }
        }
        return properties;
    }

    public abstract String typeName(ColumnType type);

    /** The type a column has in the staging table; JSON travels as text and is parsed by the MERGE. */
    public String stagedTypeName(ColumnType type) {
        return typeName(type);
    }

    public String jsonFromText(String expression) {
        return expression;
    }

    /** Empties a table within the writer's transaction. */
    public String clearTable(String table) {
        return "DELETE FROM " + table;
    }

    public String temporaryTable() {
        return "CREATE TEMP TABLE IF NOT EXISTS";
    }
}
