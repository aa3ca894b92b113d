package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.service.ServiceName;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** This instance's {@link ServiceName}, from its configuration. */
@ApplicationScoped
public class ServiceNameProducer {

    @Produces
    @Singleton
    ServiceName serviceName(@ConfigProperty(name = "quarkus.application.name") String application, PipelineConfig pipeline) {
        return ServiceName.of(application, PipelineConfig.selectedTargets(pipeline));
    }
}
