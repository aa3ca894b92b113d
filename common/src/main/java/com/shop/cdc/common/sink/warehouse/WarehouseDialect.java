package com.shop.cdc.common.sink.warehouse;

/**
 * What differs between warehouses: type names, how a JSON column is produced from staged text,
 * and how temporary tables are declared. The statements themselves are shared ({@link MergeSql}).
 */
public enum WarehouseDialect {

    DUCKDB {
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

    POSTGRESQL {
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
    },

    SNOWFLAKE {
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

    public abstract String typeName(ColumnType type);

    /** The type a column has in the staging table; JSON travels as text and is parsed by the MERGE. */
    public String stagedTypeName(ColumnType type) {
        return typeName(type);
    }

    public String jsonFromText(String expression) {
        return expression;
    }

    public String temporaryTable() {
        return "CREATE TEMP TABLE IF NOT EXISTS";
    }
}
