package com.shop.cdc.common.sink;

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
        assertThat(JsonDocument.json(nested.get("scores"), JSON.getFactory()))
                .isEqualTo(JSON.writeValueAsString(JsonDocument.value(nested.get("scores"))));
    }
}
