package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** A declared default is written as the document code writes that value for that field. */
class DefaultFieldsTest {

    private final UserDocuments users = new UserDocuments(Set.of("phone", "birth_date"), 2);

    @Test
    void anAmountGetsItsMinorUnitsAsInEveryDocument() {
        assertThat(DefaultFields.of("balance", new BigDecimal("5.00"), users::fields).fields())
                .containsExactly(Map.entry("balance", "5.00"), Map.entry("balance_minor", 500L));
    }

    @Test
    void aFieldTheIndexKeepsOutGivesNothing() {
        assertThat(DefaultFields.of("phone", "+0000", users::fields).fields()).isEmpty();
    }

    @Test
    void valuesTakeTheirDocumentForm() {
        assertThat(DefaultFields.of("since", Instant.parse("2024-01-01T00:00:00Z"), users::fields).fields())
                .containsExactly(Map.entry("since", "2024-01-01T00:00:00Z"));
        // The products' id comes from their key, never from a default.
        assertThat(DefaultFields.of("colour", "red", new ProductDocuments(2)::fields).fields())
                .containsExactly(Map.entry("colour", "red"));
    }

    @Test
    void anAmountWithoutExactMinorUnitsIsRefused() {
        assertThatThrownBy(() -> DefaultFields.of("balance", new BigDecimal("0.001"), users::fields))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueAChangeWroteCountsEvenWhenNull() {
        DefaultFields balance = DefaultFields.of("balance", new BigDecimal("5.00"), users::fields);
        Map<String, Object> written = new HashMap<>();
        written.put("balance", null);
        assertThat(balance.lackedBy(written)).isFalse();
        assertThat(balance.lackedBy(Map.of("id", 1))).isTrue();
    }

    /** A document written at or after the first change declaring the default came from a row that has the field. */
    @Test
    void onlyDocumentsWrittenBeforeTheDefaultWasDeclaredGetIt() {
        DefaultFields tier = DefaultFields.of("tier", "standard", users::fields).before(100);
        assertThat(tier.lackedBy(Map.of("id", 1), 99)).isTrue();
        assertThat(tier.lackedBy(Map.of("id", 1), 100)).isFalse();
        assertThat(tier.lackedBy(Map.of("id", 1), 250)).isFalse();
    }
}
