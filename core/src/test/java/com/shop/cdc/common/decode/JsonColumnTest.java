package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A json/jsonb column's document keeps its numbers as the source wrote them: no fraction rounded through a double. */
class JsonColumnTest {

    private final LogicalValues values = new LogicalValues(Corpus.JSON);

    @Test
    void fractionsInsideTheDocumentStayExact() {
        Object document = values.convert(TextNode.valueOf("{\"limits\": {\"daily\": 0.1000000000000000055511151231257827,"
                + " \"huge\": 1e400, \"count\": 12345678901234567890}, \"rates\": [1.10, -0.000000000000000000001]}"),
                LogicalType.of(LogicalType.Kind.JSON), "preferences");
        @SuppressWarnings("unchecked")
        Map<String, Object> limits = (Map<String, Object>) ((Map<String, Object>) document).get("limits");
        assertThat(limits.get("daily")).isEqualTo(new BigDecimal("0.1000000000000000055511151231257827"));
        assertThat(limits.get("huge")).isEqualTo(new BigDecimal("1e400"));
        assertThat(limits.get("count")).isEqualTo(new java.math.BigInteger("12345678901234567890"));
        assertThat(((Map<?, ?>) document).get("rates"))
                .isEqualTo(List.of(new BigDecimal("1.10"), new BigDecimal("-0.000000000000000000001")));
    }
}
