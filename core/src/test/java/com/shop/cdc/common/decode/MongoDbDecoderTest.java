package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The MongoDB envelope, on Debezium's own documented examples and the exact shapes its code writes. */
class MongoDbDecoderTest {

    private static final KafkaCoordinates ORIGIN = new KafkaCoordinates("shop.catalog.products", 1, 3, 0);
    private final RecordDecoder decoder = Decoders.create(Format.DEBEZIUM_MONGODB, false, Map.of(), Corpus.JSON, 1 << 20);

    @Test
    void createFromTheDocumentationExample() throws Exception {
        JsonNode examples = Corpus.JSON.readTree(getClass().getResourceAsStream("/corpus/mongodb-doc-examples.json"));
        ObjectNode payload = (ObjectNode) examples.get("create_event_value_payload").deepCopy();
        payload.remove("_source");
        ChangeEvent event = change("{\"id\":\"1004\"}", payload.toString());
        assertThat(event.operation()).isEqualTo(Operation.CREATE);
        assertThat(event.key()).containsEntry("_id", 1004L);
        assertThat(event.after()).containsEntry("_id", 1004L).containsEntry("first_name", "Anne");
        assertThat(event.table().qualifiedName()).isEqualTo("inventory.customers");
        assertThat(event.snapshot()).isFalse(); // the documentation writes snapshot as a boolean
    }

    @Test
    void extendedJsonV1InAfterAndV2InUpdatedFields() {
        String after = "{\\\"_id\\\": {\\\"$oid\\\": \\\"65a1b2c3d4e5f6a700000001\\\"}, \\\"price\\\": {\\\"$numberDecimal\\\": \\\"99999999.99\\\"},"
                + " \\\"stock\\\": {\\\"$numberLong\\\": \\\"5\\\"}, \\\"n\\\": {\\\"$numberInt\\\": \\\"7\\\"},"
                + " \\\"created\\\": {\\\"$date\\\": 1783101585729}, \\\"iso\\\": {\\\"$date\\\": \\\"2026-07-03T17:59:45.729Z\\\"},"
                + " \\\"blob\\\": {\\\"$binary\\\": \\\"a2Fma2E=\\\", \\\"$type\\\": \\\"00\\\"}, \\\"tags\\\": [\\\"a\\\", null]}";
        ChangeEvent event = change("{\"id\":\"{\\\"$oid\\\": \\\"65a1b2c3d4e5f6a700000001\\\"}\"}",
                "{\"op\":\"u\",\"after\":\"" + after + "\",\"updateDescription\":{\"updatedFields\":\"{\\\"stock\\\": 5}\"},"
                        + source(1783101585L, 3) + "}");
        assertThat(event.key()).containsEntry("_id", "65a1b2c3d4e5f6a700000001");
        assertThat(event.after()).containsEntry("price", new BigDecimal("99999999.99")).containsEntry("stock", 5L)
                .containsEntry("n", 7).containsEntry("created", Instant.ofEpochMilli(1783101585729L))
                .containsEntry("iso", Instant.parse("2026-07-03T17:59:45.729Z"));
        assertThat(new String((byte[]) event.after().get("blob"), StandardCharsets.UTF_8)).isEqualTo("kafka");
        assertThat(event.position().text()).isEqualTo("ts=1783101585 ord=3");
    }

    /**
     * change_streams_update_full looks the document up after the update; when a delete came first
     * the lookup finds nothing and Debezium writes the update with {@code after: null}. The delete
     * follows in the log, so the update carries no state: it decodes as superseded, not as a failure.
     */
    @Test
    void anUpdateWhoseDocumentWasDeletedBeforeTheLookupIsSuperseded() {
        Decoded decoded = decoder.decode(record("{\"id\":\"{\\\"$oid\\\": \\\"65a1b2c3d4e5f6a700000001\\\"}\"}",
                "{\"op\":\"u\",\"after\":null,\"updateDescription\":{\"removedFields\":null,"
                        + "\"updatedFields\":\"{\\\"stock\\\": 4}\",\"truncatedArrays\":null}," + source(1783101585L, 4) + "}"));
        assertThat(decoded).isInstanceOf(Decoded.Superseded.class);
        Decoded.Superseded superseded = (Decoded.Superseded) decoded;
        assertThat(superseded.key()).containsEntry("_id", "65a1b2c3d4e5f6a700000001");
        assertThat(superseded.table().qualifiedName()).isEqualTo("catalog.products");
        assertThat(superseded.position().text()).isEqualTo("ts=1783101585 ord=4");
        assertThat(superseded.origin()).isEqualTo(ORIGIN);
    }

    @Test
    void deleteThenTombstone() {
        ChangeEvent delete = change("{\"id\":\"\\\"sku-1\\\"\"}", "{\"op\":\"d\",\"before\":\"{\\\"_id\\\": \\\"sku-1\\\"}\",\"after\":null,"
                + source(5, 1) + "}");
        assertThat(delete.operation()).isEqualTo(Operation.DELETE);
        assertThat(delete.key()).containsEntry("_id", "sku-1");
        assertThat(decoder.decode(record("{\"id\":\"\\\"sku-1\\\"\"}", null))).isInstanceOf(Decoded.Tombstone.class);
    }

    @Test
    void laterClusterTimeOrOrdinalIsALaterPosition() {
        ChangeEvent first = change("{\"id\":\"1\"}", "{\"op\":\"c\",\"after\":\"{\\\"_id\\\": 1}\"," + source(100, 7) + "}");
        ChangeEvent second = change("{\"id\":\"1\"}", "{\"op\":\"u\",\"after\":\"{\\\"_id\\\": 1}\"," + source(100, 8) + "}");
        ChangeEvent third = change("{\"id\":\"1\"}", "{\"op\":\"u\",\"after\":\"{\\\"_id\\\": 1}\"," + source(101, 1) + "}");
        assertThat(second.position()).isGreaterThan(first.position());
        assertThat(third.position()).isGreaterThan(second.position());
    }

    private static String source(long seconds, int ordinal) {
        return "\"source\":{\"connector\":\"mongodb\",\"db\":\"catalog\",\"collection\":\"products\",\"ts_ms\":"
                + seconds * 1000 + ",\"ord\":" + ordinal + ",\"snapshot\":\"false\"}";
    }

    private ChangeEvent change(String key, String value) {
        Decoded decoded = decoder.decode(record(key, value));
        assertThat(decoded).isInstanceOf(Decoded.Change.class);
        return ((Decoded.Change) decoded).event();
    }

    private static RawRecord record(String key, String value) {
        return new RawRecord(ORIGIN, key.getBytes(StandardCharsets.UTF_8),
                value == null ? null : value.getBytes(StandardCharsets.UTF_8), Map.of());
    }
}
