package com.shop.cdc.users;

import com.shop.cdc.common.target.Targets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/** The service's targets replaced by one {@link MemoryTarget}; enabled by {@link InMemoryTier} only. */
@Alternative
@ApplicationScoped
public class MemoryTargets {

    @Produces
    @Singleton
    Targets targets(MemoryTarget target) {
        return new Targets(List.of(target));
    }
}
