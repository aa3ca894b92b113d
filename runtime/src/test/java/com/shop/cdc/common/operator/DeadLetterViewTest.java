package com.shop.cdc.common.operator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class DeadLetterViewTest {

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDetailShowsTheRecordsHeadersAsKeysAndValuesAreShown() {
        DeadLetterEntry entry = new DeadLetterEntry();
        entry.id = 1L;
        entry.recordHeaders = "{\"json\":\"" + base64("{\"a\":1}") + "\",\"text\":\"" + base64("c-1") + "\","
                + "\"bytes\":\"" + Base64.getEncoder().encodeToString(new byte[] {(byte) 0xff, 0}) + "\",\"none\":null}";
        DeadLetterView detail = DeadLetterView.detail(entry, json);
        assertThat(detail.headers()).containsKeys("json", "text", "bytes", "none");
        assertThat(detail.headers().get("json").encoding()).isEqualTo("json");
        assertThat(detail.headers().get("json").content().get("a").asInt()).isEqualTo(1);
        assertThat(detail.headers().get("text").content().asText()).isEqualTo("c-1");
        assertThat(detail.headers().get("bytes").encoding()).isEqualTo("base64");
        assertThat(detail.headers().get("none")).isNull();
        assertThat(DeadLetterView.summary(entry, json).headers()).isNull();
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
