package com.shop.cdc.search;

import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.search.elasticsearch.ElasticsearchChangeWriter;
import com.shop.cdc.search.elasticsearch.ElasticsearchConfig;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Purges the delete markers older than {@code cdc.elasticsearch.markers.retention}, every {@code purge-every}. */
@ApplicationScoped
public class MarkerPurgeSchedule {

    private static final Logger LOG = Logger.getLogger(MarkerPurgeSchedule.class);

    private final ElasticsearchChangeWriter writer;
    private final ElasticsearchConfig config;

    public MarkerPurgeSchedule(ElasticsearchChangeWriter writer, ElasticsearchConfig config) {
        this.writer = writer;
        this.config = config;
    }

    @Scheduled(every = "${cdc.elasticsearch.markers.purge-every:1h}", delayed = "${cdc.elasticsearch.markers.purge-every:1h}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void purge() {
        try {
            int purged = writer.purgeMarkers(Instant.now().minus(config.markers().retention()));
            LOG.infof("purged %d delete markers older than %s", purged, config.markers().retention());
        } catch (TargetUnavailableException e) {
            LOG.warnf("marker purge skipped: %s", e.getMessage());
        }
    }
}
