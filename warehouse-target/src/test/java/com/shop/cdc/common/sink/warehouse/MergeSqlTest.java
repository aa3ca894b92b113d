package com.shop.cdc.common.sink.warehouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The statements each dialect gets; Snowflake's cannot run here, so its SQL is checked as text. */
class MergeSqlTest {

    private static final TableSpec USERS = users();

    @ParameterizedTest
    @EnumSource(WarehouseDialect.class)
    void theMergeKeepsTheNewestChangePerKeyAndWritesOnlyWhereItIsNewer(WarehouseDialect dialect) {
        String merge = new MergeSql(dialect, USERS).merge();
        assertThat(merge).startsWith("MERGE INTO USERS t\nUSING (SELECT ")
                .contains("ROW_NUMBER() OVER (PARTITION BY id ORDER BY _source_pos DESC) AS _rn FROM stage_users")
                .contains("WHERE _rn = 1 AND _source_pos > COALESCE((SELECT position FROM _cdc_truncations WHERE table_name = 'USERS'), 0)")
                .contains("ON t.id = s.id")
                .contains("WHEN MATCHED AND s._source_pos > t._source_pos THEN UPDATE SET")
                .contains("_deleted = s._deleted") // deletes are soft: the row keeps its position
                .contains("email = CASE WHEN s._unchanged LIKE '%,email,%' THEN t.email ELSE s.email END")
                .contains("WHEN NOT MATCHED THEN INSERT (id, email, preferences, _source_pos, _deleted, _op, _source_ts, _ingested_at)");
    }

    @Test
    void snowflakeParsesJsonOverTheStageAndInsertsOnlyColumnsAndConstants() {
        MergeSql sql = new MergeSql(WarehouseDialect.SNOWFLAKE, USERS);
        String merge = sql.merge();
        assertThat(merge).contains("SELECT id, email, PARSE_JSON(preferences) AS preferences, _source_pos");
        String values = merge.substring(merge.lastIndexOf("VALUES ("));
        assertThat(values).isEqualTo("VALUES (s.id, s.email, s.preferences, s._source_pos, s._deleted, s._op, "
                + "s._source_ts, CURRENT_TIMESTAMP)");
        assertThat(sql.createStage()).startsWith("CREATE TEMPORARY TABLE IF NOT EXISTS stage_users (")
                .contains("preferences VARCHAR");
        assertThat(sql.createTable()).contains("id NUMBER(19,0)", "preferences VARIANT", "_source_ts TIMESTAMP_TZ",
                "PRIMARY KEY (id)");
    }

    @ParameterizedTest
    @EnumSource(WarehouseDialect.class)
    void aBatchIsStagedWithBindsSoTheStatementStaysSmallWhateverItsSize(WarehouseDialect dialect) {
        MergeSql sql = new MergeSql(dialect, USERS);
        String insert = sql.insertIntoStage();
        assertThat(insert.chars().filter(c -> c == '?').count()).isEqualTo(sql.stagedColumns().size());
        assertThat(insert).doesNotContain("'");
        assertThat((insert + sql.merge()).getBytes(java.nio.charset.StandardCharsets.UTF_8).length).isLessThan(1_000_000);
    }

    @Test
    void postgresqlEmptiesTheStageWithTruncateTheOthersWithDelete() {
        assertThat(new MergeSql(WarehouseDialect.POSTGRESQL, USERS).clearStage()).isEqualTo("TRUNCATE stage_users");
        assertThat(new MergeSql(WarehouseDialect.DUCKDB, USERS).clearStage()).isEqualTo("DELETE FROM stage_users");
        assertThat(new MergeSql(WarehouseDialect.SNOWFLAKE, USERS).clearStage()).isEqualTo("DELETE FROM stage_users");
    }

    @Test
    void storedPositionsAreMatchedByTypedBindsAndAnswerTheTruncateToo() {
        String query = new MergeSql(WarehouseDialect.SNOWFLAKE, USERS).storedPositions(2);
        assertThat(query).isEqualTo("SELECT v._n, t._source_pos FROM USERS t JOIN (VALUES (0, CAST(? AS NUMBER(19,0))), "
                + "(1, CAST(? AS NUMBER(19,0)))) AS v(_n, id) ON t.id = v.id"
                + " UNION ALL SELECT -1, position FROM _cdc_truncations WHERE table_name = 'USERS'");
    }

    @Test
    void aDefaultIsGivenWithBindsOnlyToOlderRowsWithoutAValue() {
        MergeSql sql = new MergeSql(WarehouseDialect.SNOWFLAKE, USERS);
        assertThat(sql.fillDefault("preferences", ColumnType.of(ColumnType.Kind.JSON)))
                .isEqualTo("UPDATE USERS SET preferences = PARSE_JSON(?) WHERE preferences IS NULL AND _source_pos < ?");
        assertThat(sql.addColumn("tier", ColumnType.of(ColumnType.Kind.VARCHAR), "'basic'"))
                .isEqualTo("ALTER TABLE USERS ADD COLUMN IF NOT EXISTS tier VARCHAR DEFAULT 'basic'");
    }

    private static TableSpec users() {
        Map<String, ColumnType> columns = new LinkedHashMap<>();
        columns.put("id", ColumnType.parse("bigint"));
        columns.put("email", ColumnType.parse("varchar"));
        columns.put("preferences", ColumnType.parse("json"));
        return new TableSpec("USERS", List.of("id"), columns);
    }
}
