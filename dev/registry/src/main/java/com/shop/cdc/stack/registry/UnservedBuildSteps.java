package com.shop.cdc.stack.registry;

import io.apicurio.common.apps.config.DynamicConfigPropertyList;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Beans that two Quarkus build steps would have produced, had their artifacts been served: the registry's
 * config-index extension (io.apicurio:apicurio-registry-config-index-deployment:3.0.9) lists the properties that
 * can be changed at run time, and the smallrye-jwt extension (io.quarkus:quarkus-smallrye-jwt-deployment:3.15.4)
 * provides the JWT parser of the registry's authentication. Here no property is changeable at run time (every
 * setting is read from the configuration as usual) and authentication stays off, as it is by default.
 */
public class UnservedBuildSteps {

    @Produces
    @Singleton
    DynamicConfigPropertyList dynamicConfigProperties() {
        return new DynamicConfigPropertyList(List.of());
    }

    @Produces
    @ApplicationScoped
    DefaultJWTParser jwtParser() {
        return new DefaultJWTParser();
    }
}
