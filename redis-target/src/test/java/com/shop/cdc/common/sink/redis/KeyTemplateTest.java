package com.shop.cdc.common.sink.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class KeyTemplateTest {

    @Test
    void fieldsBecomeTheirValuesInBraces() {
        KeyTemplate template = KeyTemplate.of("order:{order_id}:item:{line}");
        assertThat(template.render(Map.of("order_id", 7, "line", "a b"))).contains("order:{7}:item:{a b}");
        assertThat(template.render(Map.of("order_id", 7))).isEmpty();
        assertThat(template.prefix()).isEqualTo("order:");
        assertThat(template.keyPattern().matcher("order:{7}:item:{a b}").matches()).isTrue();
        assertThat(template.keyPattern().matcher("order:{7}:item:{a b}:pos").matches()).isFalse();
    }

    @Test
    void literalTextIsKeptAsWritten() {
        assertThat(KeyTemplate.of("config.main").render(Map.of())).contains("config.main");
        assertThat(KeyTemplate.of("a.b:{id}").keyPattern().matcher("axb:{1}").matches()).isFalse();
        assertThat(KeyTemplate.of("{id}-user").render(Map.of("id", 1L))).contains("{1}-user");
    }
}
