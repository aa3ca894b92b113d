package com.shop.cdc.search.elasticsearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.WriteOutcome;
import com.shop.cdc.search.DevStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deletes never resurrect: Elasticsearch is restarted between a delete and a late replay of an
 * older upsert, with {@code index.gc_deletes} at zero so that its own tombstones are forgotten at
 * once. Stops the local stack's Elasticsearch ({@code dev/stack stop}) and always starts it again.
 */
class ElasticsearchRestartIT {

    private final TestIndexes es = new TestIndexes();

    @AfterEach
    void removeIndexes() throws Exception {
        DevStack.start("elasticsearch");
        es.close();
    }

    @Test
    void deleteSurvivesARestartAndALateReplayOfAnOlderUpsert() throws Exception {
        ElasticsearchChangeWriter writer = es.writer();
        writer.write(List.of(Events.user(1, 100, "a@example.com"), Events.user(2, 100, "b@example.com"),
                Events.product(1, 1000, Map.of()), Events.order(1, 100, "PAID"), Events.item(1, 1, 110, 2),
                Events.item(1, 2, 120, 1)));
        assertThat(writer.write(List.of(Events.userDeleted(1, 200), Events.productDeleted(1, 2000),
                Events.itemDeleted(1, 1, 300), Events.orderDeleted(1, 310)))).containsOnly(WriteOutcome.WRITTEN);
        for (SearchIndex index : SearchIndex.values()) {
            es.http.call("PUT", "/" + es.alias(index) + "-v1/_settings", Map.of("index", Map.of("gc_deletes", "0s")));
        }

        DevStack.stop("elasticsearch");
        assertThatThrownBy(() -> writer.write(List.of(Events.user(3, 300, "c@example.com"))))
                .isInstanceOf(TargetUnavailableException.class);
        assertThatThrownBy(writer::probe).isInstanceOf(TargetUnavailableException.class);
        DevStack.start("elasticsearch");
        // Ready once the cluster is no longer red: the indexes' shards are recovered.
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(writer::probe);

        assertThat(writer.write(List.of(Events.user(1, 150, "a@example.com"), Events.product(1, 1500, Map.of()),
                Events.item(1, 1, 250, 2), Events.order(1, 305, "SHIPPED")))).containsOnly(WriteOutcome.STALE);
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("2");
        assertThat(es.searchable(SearchIndex.PRODUCTS)).isEmpty();
        assertThat(es.searchable(SearchIndex.ORDERS)).isEmpty();
        assertThat(es.stored(SearchIndex.ORDERS).get("1").get("lines")).asList().hasSize(1);
        // Newer changes still apply.
        assertThat(writer.write(List.of(Events.user(1, 400, "again@example.com")))).containsExactly(WriteOutcome.WRITTEN);
        assertThat(es.searchable(SearchIndex.USERS)).containsOnlyKeys("1", "2");
    }
}
