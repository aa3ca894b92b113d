package com.shop.cdc.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.console.ConsoleDatabase;
import io.quarkus.arc.Arc;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/** OIDC is built in and off: its mechanism is there, its tenant disabled, the pages on the form until console.login=code. */
@QuarkusTest
@QuarkusTestResource(ConsoleDatabase.class)
class OidcWiringIT {

    @Test
    void oidcIsWiredButDisabled() {
        var config = ConfigProvider.getConfig();
        assertThat(config.getValue("quarkus.oidc.tenant-enabled", Boolean.class)).isFalse();
        assertThat(config.getValue("quarkus.oidc.application-type", String.class)).isEqualTo("web-app");
        assertThat(config.getValue("quarkus.http.auth.permission.pages.auth-mechanism", String.class)).isEqualTo("form");
        assertThat(Arc.container().select(HttpAuthenticationMechanism.class).stream()
                .map(mechanism -> mechanism.getClass().getName()))
                .anyMatch(name -> name.startsWith("io.quarkus.oidc"));
    }
}
