package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.math.BigDecimal;
import java.time.Duration;
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
        assertThat(names.truncations()).isEqualTo("test-orders-truncations").doesNotStartWith("test-orders-v");
    }

    @Test
    void defaultsKeepPhoneOutAndBadValuesNameTheirProperty() {
        IndexerSettings defaults = IndexerSettings.from(config(Map.of()));
        assertThat(defaults.excludedUserFields()).containsExactlyInAnyOrder("phone", "birth_date");
        assertThat(defaults.names(SearchIndex.USERS)).isEqualTo(new IndexNames("users", "users-v1"));
        assertThat(defaults.bulk().maxActions()).isEqualTo(500);
        assertThatThrownBy(() -> IndexerSettings.from(config(Map.of("cdc.elasticsearch.users.indexed-pii", "email,ssn"))))
                .hasMessageContaining("cdc.elasticsearch.users.indexed-pii");
        assertThatThrownBy(() -> IndexerSettings.from(config(Map.of("cdc.elasticsearch.index-prefix", "Test-"))))
                .hasMessageContaining("cdc.elasticsearch.index-prefix");
        assertThatThrownBy(() -> IndexerSettings.from(config(Map.of("cdc.elasticsearch.bulk.max-actions", "0"))))
                .hasMessageContaining("cdc.elasticsearch.bulk.max-actions");
        assertThatThrownBy(() -> IndexerSettings.from(config(Map.of("cdc.elasticsearch.orders.generation", "0"))))
                .hasMessageContaining("cdc.elasticsearch.orders.generation");
        assertThat(IndexerSettings.from(config(Map.of("cdc.elasticsearch.users.indexed-pii", "email,full_name,phone")))
                .excludedUserFields()).containsExactly("birth_date");
    }

    private static ElasticsearchConfig config(Map<String, String> properties) {
        // Durations as the service reads them ("7d", "200ms").
        return new SmallRyeConfigBuilder().withMapping(ElasticsearchConfig.class)
                .withConverter(Duration.class, 100, new DurationConverter())
                .withSources(new PropertiesConfigSource(properties, "test", 100)).build()
                .getConfigMapping(ElasticsearchConfig.class);
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
