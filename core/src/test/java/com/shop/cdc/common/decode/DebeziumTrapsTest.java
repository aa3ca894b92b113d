package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.event.Operation;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Each trap of the captured corpus, with its exact expected value. */
class DebeziumTrapsTest {

    private final LogicalValues values = new LogicalValues(Corpus.JSON);

    @ParameterizedTest
    @CsvSource({"AlHy,1520.50", "/w==,-0.01", "ng0=,-250.75", "AA==,0.00", "AOjUpQ//,9999999999.99",
            "/xcrWvAB,-9999999999.99", "+fI=,-15.50", "AlQL4/8=,99999999.99"})
    void base64DecimalsWithScaleTwo(String wire, String expected) {
        assertThat(values.convert(TextNode.valueOf(wire), LogicalType.decimal(2), "d")).isEqualTo(new BigDecimal(expected));
    }

    @ParameterizedTest
    @CsvSource({"24,J+QbMka+ybFuOYEV,12345.678901234567890123456789", "1,+w==,-0.5", "0,BWvHXi1jEAAA,100000000000000000000"})
    void variableScaleDecimals(int scale, String value, String expected) throws Exception {
        var node = Corpus.JSON.readTree("{\"scale\":" + scale + ",\"value\":\"" + value + "\"}");
        BigDecimal decoded = (BigDecimal) values.convert(node, LogicalType.of(LogicalType.Kind.VARIABLE_SCALE_DECIMAL), "v");
        assertThat(decoded.compareTo(new BigDecimal(expected))).isZero();
    }

    @ParameterizedTest
    @CsvSource({"MICRO_TIMESTAMP,253402300799999999,9999-12-31T23:59:59.999999Z",
            "MICRO_TIMESTAMP,1705307400123456,2024-01-15T08:30:00.123456Z", "MICRO_TIMESTAMP,0,1970-01-01T00:00:00Z",
            "TIMESTAMP,1,1970-01-01T00:00:00.001Z", "TIMESTAMP,253402300799999,9999-12-31T23:59:59.999Z",
            "TIMESTAMP,1705311060123,2024-01-15T09:31:00.123Z", "MICRO_TIMESTAMP,-1,1969-12-31T23:59:59.999999Z",
            "NANO_TIMESTAMP,1500000000123456789,2017-07-14T02:40:00.123456789Z"})
    void timestampUnits(LogicalType.Kind kind, long wire, String expected) {
        assertThat(values.convert(Corpus.JSON.getNodeFactory().numberNode(wire), LogicalType.of(kind), "t"))
                .isEqualTo(Instant.parse(expected));
    }

    @ParameterizedTest
    @CsvSource({"7441,1990-05-17", "-1,1969-12-31", "-719162,0001-01-01", "11016,2000-02-29"})
    void daysSinceEpoch(int wire, String expected) {
        assertThat(values.convert(Corpus.JSON.getNodeFactory().numberNode(wire), LogicalType.of(LogicalType.Kind.DATE), "d"))
                .isEqualTo(LocalDate.parse(expected));
    }

    /** MariaDB timestamp(6) is written without fraction in the snapshot and with six digits in the binlog. */
    @ParameterizedTest
    @ValueSource(strings = {"2023-06-30T15:00:00Z", "2023-06-30T15:00:00.000000Z", "2023-06-30T15:00:00.0Z"})
    void zonedTimestampFormsOfOneInstant(String wire) {
        assertThat(values.convert(TextNode.valueOf(wire), LogicalType.of(LogicalType.Kind.ZONED_TIMESTAMP), "z"))
                .isEqualTo(Instant.parse("2023-06-30T15:00:00Z"));
    }

    @Test
    void zonedTimestampKeepsNineFractionDigitsAndOffsets() {
        LogicalType zoned = LogicalType.of(LogicalType.Kind.ZONED_TIMESTAMP);
        assertThat(values.convert(TextNode.valueOf("2038-01-19T03:14:07.999999999Z"), zoned, "z"))
                .isEqualTo(Instant.parse("2038-01-19T03:14:07.999999999Z"));
        assertThat(values.convert(TextNode.valueOf("2024-01-15T09:30:00+01:00"), zoned, "z"))
                .isEqualTo(Instant.parse("2024-01-15T08:30:00Z"));
    }

    @Test
    void postgresInfinityIsExplicitNotABogusDate() {
        Map<String, Object> row = change("pg-default/pg.schemas-true.jsonl", true, 33).after();
        assertThat(row).containsEntry("email", "infinity@example.com")
                .containsEntry("created_at", Infinity.POSITIVE)
                .containsEntry("updated_at", Infinity.NEGATIVE)
                .containsEntry("birth_date", Infinity.POSITIVE);
    }

    @Test
    void schemaDrivenRowOfTheSnapshot() {
        ChangeEvent alice = change("pg-default/pg.schemas-true.jsonl", true, 0);
        assertThat(alice.operation()).isEqualTo(Operation.READ);
        assertThat(alice.snapshot()).isTrue();
        assertThat(alice.key()).containsEntry("id", 1L);
        assertThat(alice.after()).containsEntry("balance", new BigDecimal("1520.50"))
                .containsEntry("birth_date", LocalDate.parse("1990-05-17"))
                .containsEntry("created_at", Instant.parse("2024-01-15T08:30:00Z"))
                .containsEntry("updated_at", Instant.parse("2024-01-15T08:30:00.123456Z"))
                .containsEntry("tags", List.of("vip", "early-adopter"));
        assertThat(alice.after().get("preferences")).isInstanceOf(Map.class);
        assertThat(alice.table().qualifiedName()).isEqualTo("shop_users.public.users");
    }

    @Test
    void arraysKeepNullElementsAndJsonbIsParsed() {
        ChangeEvent max = change("pg-default/pg.schemas-true.jsonl", true, 3);
        assertThat(max.after().get("tags")).isEqualTo(Arrays.asList("with space", "한국어", "emoji🎉", null));
        assertThat(max.after().get("preferences").toString()).contains("-30000000000");
        assertThat(max.after()).containsEntry("balance", new BigDecimal("9999999999.99"))
                .containsEntry("birth_date", LocalDate.parse("0001-01-01"))
                .containsEntry("updated_at", Instant.parse("9999-12-31T23:59:59.999999Z"));
    }

    @Test
    void schemalessWithConfiguredTypesEqualsSchemaDriven() {
        List<RawRecord> withSchemas = Corpus.load("pg-default/pg.schemas-true.jsonl");
        List<RawRecord> without = Corpus.load("pg-default/pg.schemas-false.jsonl");
        for (int i = 0; i < withSchemas.size(); i++) {
            Decoded a = TestDecoders.forTopic("shop.public.users", true, false).decode(withSchemas.get(i));
            Decoded b = TestDecoders.forTopic("shop.public.users", false, false).decode(without.get(i));
            if (a instanceof Decoded.Change ca && b instanceof Decoded.Change cb) {
                assertThat(cb.event().after()).as("record %d", i).isEqualTo(ca.event().after());
                assertThat(cb.event().position()).isEqualTo(ca.event().position());
            }
        }
    }

    @Test
    void schemalessWithoutConfiguredScaleNeverGuessesADecimal() {
        RawRecord alice = Corpus.load("pg-default/pg.schemas-false.jsonl").get(0);
        Decoded decoded = Decoders.create(Format.DEBEZIUM_JSON, false, Map.of(), Corpus.JSON, 1 << 20).decode(alice);
        assertThat(((Decoded.Change) decoded).event().after()).containsEntry("balance", "AlHy");
    }

    @Test
    void mariadbDecimalStringsJsonAndEnums() {
        ChangeEvent order = change("mariadb-decimal-string/mariadb.schemas-true.jsonl", true,
                firstOf("mariadb-decimal-string/mariadb.schemas-true.jsonl", "shop.shop_orders.orders"));
        assertThat(order.after().get("total")).isInstanceOf(String.class); // decimal.handling.mode=string: plain string
        assertThat(order.after()).containsEntry("status", "PAID");
        assertThat(order.after().get("shipping_address")).isInstanceOf(String.class); // MariaDB JSON is LONGTEXT
        assertThat(order.table().qualifiedName()).isEqualTo("shop_orders.orders");
    }

    @Test
    void primaryKeyChangeIsDeleteTombstoneCreateWithHeaders() {
        List<RawRecord> records = Corpus.load("pg-default/pg.schemas-true.jsonl");
        RecordDecoder decoder = TestDecoders.forTopic("shop.public.users", true, false);
        ChangeEvent delete = ((Decoded.Change) decoder.decode(records.get(10))).event();
        Decoded.Tombstone tombstone = (Decoded.Tombstone) decoder.decode(records.get(11));
        ChangeEvent create = ((Decoded.Change) decoder.decode(records.get(12))).event();
        assertThat(delete.operation()).isEqualTo(Operation.DELETE);
        assertThat(delete.key()).containsEntry("id", 3L);
        assertThat(delete.movedToKey()).isPresent();
        assertThat(delete.movedToKey().orElseThrow()).contains("1001");
        assertThat(tombstone.key()).containsEntry("id", 3L);
        assertThat(create.operation()).isEqualTo(Operation.CREATE);
        assertThat(create.key()).containsEntry("id", 1001L);
        assertThat(create.movedFromKey().orElseThrow()).contains("3");
        assertThat(create.position()).isEqualTo(delete.position());
    }

    @Test
    void truncateHasNoKeyAndNoImages() {
        List<RawRecord> records = Corpus.load("mariadb-default/mariadb.schemas-true.jsonl");
        ChangeEvent truncate = ((Decoded.Change) TestDecoders.forTopic("shop.shop_orders.order_items", true, false)
                .decode(records.get(46))).event();
        assertThat(truncate.operation()).isEqualTo(Operation.TRUNCATE);
        assertThat(truncate.key()).isEmpty();
        assertThat(truncate.before()).isNull();
        assertThat(truncate.after()).isNull();
        assertThat(truncate.table().table()).isEqualTo("order_items");
    }

    @Test
    void snapshotReadLosesAgainstAStreamedChangeAtTheSamePosition() {
        var snapshot = com.shop.cdc.common.event.SourcePosition.binlog(3, 1000, 0, true);
        var streamed = com.shop.cdc.common.event.SourcePosition.binlog(3, 1000, 0, false);
        assertThat(streamed).isGreaterThan(snapshot);
        assertThat(com.shop.cdc.common.event.SourcePosition.binlog(4, 4, 0, false))
                .as("binlog rotation").isGreaterThan(com.shop.cdc.common.event.SourcePosition.binlog(3, 4_000_000_000L, 4095, false));
    }

    private static int firstOf(String file, String topic) {
        List<RawRecord> records = Corpus.load(file);
        for (int i = 0; i < records.size(); i++) {
            if (records.get(i).origin().topic().equals(topic)) {
                return i;
            }
        }
        throw new IllegalArgumentException(topic);
    }

    private static ChangeEvent change(String file, boolean schemas, int index) {
        RawRecord record = Corpus.load(file).get(index);
        Decoded decoded = TestDecoders.forTopic(record.origin().topic(), schemas, file.contains("decimal-string")).decode(record);
        assertThat(decoded).isInstanceOf(Decoded.Change.class);
        return ((Decoded.Change) decoded).event();
    }
}
