package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Names and amounts: what the configuration and the documents promise. */
class IndexerSettingsTest {

    @Test
    void eachGenerationHasItsIndexBehindOneAlias() {
        IndexNames names = IndexNames.of("test-", SearchIndex.ORDERS, 3);
        assertThat(names.alias()).isEqualTo("test-orders");
        assertThat(names.index()).isEqualTo("test-orders-v3");
        assertThat(names.pattern()).isEqualTo("test-orders-v*");
    }

    @Test
    void amountsAreExactStringsAndMinorUnits() {
        Map<String, Object> document = new LinkedHashMap<>();
        Money.put(document, "price", new BigDecimal("99999999.99"), 2);
        Money.put(document, "total", "0.5", 2);
        Money.put(document, "balance", null, 2);
        assertThat(document).containsEntry("price", "99999999.99").containsEntry("price_minor", 9999999999L)
                .containsEntry("total", "0.5").containsEntry("total_minor", 50L).doesNotContainKey("balance_minor");
        assertThatThrownBy(() -> Money.put(document, "price", new BigDecimal("1.005"), 2))
                .hasMessageContaining("price = 1.005");
        assertThatThrownBy(() -> Money.put(document, "price", "lots", 2)).hasMessageContaining("price");
    }

    @Test
    void templatesOfTheRepositoryDeclareEveryIndex() {
        for (SearchIndex index : SearchIndex.values()) {
            assertThat(index.template()).contains("\"mappings\"").contains("\"_cdc\"").contains("\"dynamic\": false");
        }
    }
}
