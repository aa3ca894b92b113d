package com.shop.cdc.common.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ActingOperatorTest {

    @Test
    void theConsoleActsForThePersonItNames() {
        assertThat(ActingOperator.name("console", "alice")).isEqualTo("alice via console");
    }

    @Test
    void theHeaderIsIgnoredForAnyOtherUser() {
        assertThat(ActingOperator.name("operator", "alice")).isEqualTo("operator");
        assertThat(ActingOperator.name("mallory", "console")).isEqualTo("mallory");
    }

    @Test
    void theConsoleWithoutAPersonIsItself() {
        assertThat(ActingOperator.name("console", null)).isEqualTo("console");
        assertThat(ActingOperator.name("console", " \t")).isEqualTo("console");
    }

    @Test
    void theNameIsPrintableAndBounded() {
        assertThat(ActingOperator.name("console", "ali\nce\r")).isEqualTo("alice via console");
        assertThat(ActingOperator.name("console", "a".repeat(500)))
                .isEqualTo("a".repeat(ActingOperator.MAX_NAME) + " via console");
    }
}
