package com.shop.cdc.console.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.shop.cdc.console.ConsoleDatabase;
import com.shop.cdc.console.account.Role;
import com.shop.cdc.console.account.Users;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;

/**
 * A real browser (headless Debian chromium, installed by dev/browser) signs in as an operator and goes
 * through the pages, every service being down; screenshots in target/screenshots. Skipped without chromium.
 */
@QuarkusTest
@QuarkusTestResource(ConsoleDatabase.class)
class ConsoleBrowserIT {

    @TestHTTPResource("/")
    URL console;

    @Inject
    Users users;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anOperatorSignsInAndGoesThroughThePages() throws IOException {
        assumeTrue(Chromium.installed(),
                "the browser test needs chromium and chromedriver (run dev/browser to install them): skipped");
        users.save("otto", "operator-pass-1", Role.OPERATOR);
        try (Chromium chromium = Chromium.start()) {
            var browser = chromium.browser;
            browser.get(console + "dead-letters");
            chromium.screenshot("1-login");
            chromium.signIn("otto", "operator-pass-1");
            chromium.awaitTitle("Dead letters");
            assertThat(chromium.page()).contains("users-sink does not answer");
            chromium.screenshot("2-dead-letters");
            browser.get(console.toString());
            assertThat(chromium.page()).contains("unreachable", "Kafka Connect at");
            chromium.screenshot("3-pipeline");
            browser.get(console + "reconciliation");
            browser.findElement(By.cssSelector("form[action='/reconciliation/users-sink'] button")).click();
            chromium.awaitTitle("Reconciliation run");
            // the run goes on in the background; its page refreshes itself until it ends
            chromium.awaitText("users-sink does not answer", Duration.ofSeconds(60));
            chromium.screenshot("4-reconciliation");
            browser.get(console + "audit");
            assertThat(chromium.page()).contains("otto", "reconcile");
            chromium.screenshot("5-audit");
        }
    }
}
