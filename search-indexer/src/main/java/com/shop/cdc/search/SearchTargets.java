package com.shop.cdc.search;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.target.TargetUnavailableException;
import com.shop.cdc.common.target.Targets;
import com.shop.cdc.search.elasticsearch.ElasticsearchChangeWriter;
import com.shop.cdc.search.elasticsearch.ElasticsearchConfig;
import com.shop.cdc.search.elasticsearch.ElasticsearchHttp;
import com.shop.cdc.search.elasticsearch.IndexerSettings;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;
import org.elasticsearch.client.RestClient;
import org.jboss.logging.Logger;

/**
 * The indexer's one target, Elasticsearch. A bad configuration stops the service at start-up; an
 * unreachable server does not: the indexes are set up before the first write instead.
 */
@ApplicationScoped
public class SearchTargets {

    private static final Logger LOG = Logger.getLogger(SearchTargets.class);

    @Produces
    @Singleton
    @Startup
    ElasticsearchChangeWriter writer(RestClient client, ObjectMapper json, ElasticsearchConfig config) {
        ElasticsearchChangeWriter writer = new ElasticsearchChangeWriter(new ElasticsearchHttp(client, json),
                IndexerSettings.from(config));
        try {
            writer.setUp();
        } catch (TargetUnavailableException e) {
            LOG.warnf("%s; the indexes are set up before the first write", e.getMessage());
        }
        return writer;
    }

    @Produces
    @Singleton
    Targets targets(ElasticsearchChangeWriter writer) {
        return new Targets(List.of(writer));
    }
}
