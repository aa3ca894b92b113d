package com.shop.cdc.search;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.target.Targets;
import com.shop.cdc.search.elasticsearch.ElasticsearchChangeWriter;
import com.shop.cdc.search.elasticsearch.SearchIndex;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RestClient;
import org.junit.jupiter.api.Test;

/** The service starts with its Elasticsearch writer as its target, the indexes and aliases set up from configuration. */
@QuarkusTest
class IndexerStartupIT {

    @Inject
    Targets targets;

    @Inject
    RestClient elasticsearch;

    @Test
    void writesElasticsearchThroughTheAliasesOfItsIndexes() throws Exception {
        assertThat(targets.writers()).singleElement().isInstanceOf(ElasticsearchChangeWriter.class);
        ElasticsearchChangeWriter writer = (ElasticsearchChangeWriter) targets.writers().get(0);
        writer.probe();
        for (SearchIndex index : SearchIndex.values()) {
            String alias = "test-" + index.baseName();
            assertThat(writer.writeTarget(index)).isEqualTo(alias);
            assertThat(elasticsearch.performRequest(new Request("GET", "/_alias/" + alias)).getStatusLine()
                    .getStatusCode()).isEqualTo(200);
        }
    }
}
