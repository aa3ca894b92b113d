package com.shop.cdc.search;

import com.shop.cdc.common.sink.Targets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The Elasticsearch writer is not built yet: the indexer decodes, validates and counts. */
@ApplicationScoped
public class SearchTargets {

    @Produces
    @Singleton
    Targets targets() {
        return new Targets(List.of());
    }
}
