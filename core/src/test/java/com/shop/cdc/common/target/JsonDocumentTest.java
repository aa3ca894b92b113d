package com.shop.cdc.common.target;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.event.Unavailable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The streamed JSON is exactly what serialising the document map gives: stored rows and their digests stay comparable. */
class JsonDocumentTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void writesEveryKindOfValueAsTheDocumentMapSerialises() throws Exception {
        Map<String, Object> nested = new LinkedHashMap<>();
        nested.put("lang", "fr");
        nested.put("toast", Unavailable.VALUE);
        nested.put("scores", List.of(1L, 2.5, "é\"\n"));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 42L);
        row.put("small", 7);
        row.put("ratio", 0.1);
        row.put("active", true);
        row.put("missing", null);
        row.put("balance", new BigDecimal("1520.50"));
        row.put("huge", new BigInteger("123456789012345678901234567890"));
        row.put("updated_at", Instant.parse("2024-01-15T08:30:00.123456Z"));
        row.put("birth_date", LocalDate.of(1990, 2, 28));
        row.put("opens", LocalTime.of(8, 30));
        row.put("valid_until", Infinity.POSITIVE);
        row.put("avatar", new byte[] {1, 2, (byte) 255});
        row.put("phone", Unavailable.VALUE);
        row.put("preferences", nested);
        row.put("tags", Arrays.asList("a", null, "ü"));

        assertThat(JsonDocument.json(row, JSON.getFactory())).isEqualTo(JSON.writeValueAsString(JsonDocument.of(row)));
        assertThat(JsonDocument.columnJson(nested.get("scores"), JSON.getFactory()))
                .isEqualTo(JSON.writeValueAsString(JsonDocument.value(nested.get("scores"))));
    }

    /** A jsonb value keeps its JSON types: exact numbers past 2^53 and tiny decimals stay numbers, [] and {} stay. */
    @Test
    void numbersInsideAColumnsJsonStayExactNumbers() throws Exception {
        Map<String, Object> preferences = new LinkedHashMap<>();
        preferences.put("newsletter", new BigDecimal("1e-07"));
        preferences.put("rtl", new BigDecimal("-2.75"));
        preferences.put("topics", 9007199254740993L);
        preferences.put("beyond", new BigInteger("123456789012345678901234567890"));
        preferences.put("none", List.of());
        preferences.put("empty", Map.of());
        preferences.put("text", "1.5");
        preferences.put("deep", Arrays.asList(null, Map.of("x", new BigDecimal("0.10"))));
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("balance", new BigDecimal("1520.50"));
        row.put("preferences", preferences);

        String expectedPreferences = "{\"newsletter\":1E-7,\"rtl\":-2.75,\"topics\":9007199254740993,"
                + "\"beyond\":123456789012345678901234567890,\"none\":[],\"empty\":{},\"text\":\"1.5\","
                + "\"deep\":[null,{\"x\":0.10}]}";
        assertThat(JsonDocument.json(row, JSON.getFactory()))
                .isEqualTo("{\"balance\":\"1520.50\",\"preferences\":" + expectedPreferences + "}");
        assertThat(JsonDocument.columnJson(preferences, JSON.getFactory())).isEqualTo(expectedPreferences);
        assertThat(JSON.writeValueAsString(JsonDocument.of(row)))
                .isEqualTo("{\"balance\":\"1520.50\",\"preferences\":" + expectedPreferences + "}");
        assertThat(JSON.readTree(expectedPreferences).get("topics").bigIntegerValue())
                .isEqualTo(BigInteger.valueOf(9007199254740993L));
    }
}
