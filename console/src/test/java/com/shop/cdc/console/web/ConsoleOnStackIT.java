package com.shop.cdc.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

/**
 * The console against the real running services, Kafka and Connect (dev/console-on-stack, at the end of
 * dev/e2e-test): an admin sees the pipeline, replays one real dead letter and a selection, discards one, runs a
 * reconciliation and reads its result, looks up a source record in the targets; a viewer gets no replay and
 * masked rows. Left out of {@code mvn verify}; run with
 * {@code -Dit.test=ConsoleOnStackIT} and the {@code onstack.*} properties below. It fails, never skips,
 * without them, without chromium or without the services: whoever runs it asked for this check.
 */
class ConsoleOnStackIT {

    private static final String VIEWER = "onstack-viewer";
    private static final String VIEWER_PASSWORD = "onstack-viewer-1";

    /** The console's URL, e.g. http://127.0.0.1:8096. */
    private final String url = required("onstack.url").replaceAll("/$", "");
    private final String adminPassword = required("onstack.admin-password");
    private final String admin = System.getProperty("onstack.admin", "admin");
    /** The services expected ready, comma-separated. */
    private final List<String> services = Arrays.asList(required("onstack.services").split(","));
    /** A service with at least two NEW dead letters: one is replayed, one discarded. */
    private final String deadLetters = required("onstack.dead-letters");
    /** The service whose reconciliation is run: its targets must equal its topics. */
    private final String reconciled = required("onstack.reconcile");
    /** A topic of that service, whose first record is looked up in its targets. */
    private final String lookupTopic = System.getProperty("onstack.lookup-topic", "shop.public.users");

    @Test
    @Timeout(value = 15, unit = TimeUnit.MINUTES)
    void anAdminWorksWithTheRunningServicesAndAViewerMayNotReplay() throws IOException {
        assertThat(Chromium.installed()).as("chromium and chromedriver (dev/browser installs them)").isTrue();
        try (Chromium chromium = Chromium.start()) {
            WebDriver browser = chromium.browser;
            browser.get(url + "/");
            chromium.signIn(admin, adminPassword);
            chromium.awaitTitle("Pipeline");
            for (String service : services) {
                WebElement row = browser.findElement(By.xpath("//tr[td[1][normalize-space()='" + service + "']]"));
                assertThat(row.findElement(By.tagName("b")).getText()).as(service + "'s state").isEqualTo("ready");
            }
            assertThat(chromium.page()).as("the Debezium connectors").contains("RUNNING");
            chromium.screenshot("onstack-1-pipeline");

            List<String> letters = newDeadLetters(browser);
            assertThat(letters).as("NEW dead letters of " + deadLetters).hasSizeGreaterThanOrEqualTo(2);
            chromium.screenshot("onstack-2-dead-letters");

            browser.get(letters.get(0));
            assertThat(chromium.page()).contains("<h2>Value</h2>", "NEW");
            chromium.screenshot("onstack-3-dead-letter");
            browser.findElement(By.cssSelector("form[action$='/replay'] button")).click();
            chromium.awaitTitle("Replay of " + deadLetters);
            // a record the rules reject fails again at the same stage: the replay went through the pipeline
            assertThat(chromium.page()).containsAnyOf("REPLAYED", "FAILED");
            chromium.screenshot("onstack-4-replayed");

            browser.get(letters.get(1));
            browser.findElement(By.name("reason")).sendKeys("checked by ConsoleOnStackIT");
            browser.findElement(By.cssSelector("form[action$='/discard'] button")).click();
            chromium.awaitTitle("Discard of " + deadLetters);
            assertThat(chromium.page()).contains("now DISCARDED");
            browser.get(letters.get(1));
            assertThat(chromium.page()).contains("DISCARDED by " + admin + " via console", "checked by ConsoleOnStackIT");
            chromium.screenshot("onstack-5-discarded");

            browser.get(url + "/dead-letters?service=" + deadLetters + "&status=NEW");
            List<WebElement> boxes = browser.findElements(By.cssSelector("input[type='checkbox'][name='letter']"));
            assertThat(boxes).as("checkboxes of NEW dead letters").hasSizeGreaterThanOrEqualTo(2);
            boxes.get(0).click();
            boxes.get(1).click();
            browser.findElement(By.cssSelector("form#replay-selected button")).click();
            chromium.awaitTitle("Replay ");
            chromium.awaitText("finished after", Duration.ofMinutes(2));
            assertThat(browser.findElement(By.className("progress")).getText()).matches("2/2 done, [0-2] failed");
            chromium.screenshot("onstack-6-replayed-selected");

            browser.get(url + "/reconciliation");
            browser.findElement(By.cssSelector("form[action='/reconciliation/" + reconciled + "'] button")).click();
            chromium.awaitTitle("Reconciliation run");
            chromium.awaitText("Outcome:", Duration.ofMinutes(10));
            assertThat(browser.findElement(By.className("outcome")).getText()).as(reconciled + "'s reconciliation")
                    .isEqualTo("clean");
            assertThat(chromium.page()).contains("records read", "match");
            chromium.screenshot("onstack-7-reconciliation");

            String lookup = lookUpTheFirstRecord(chromium);

            browser.get(url + "/audit");
            assertThat(chromium.page()).contains("replay", "replay selected", "discard", "reconcile");
            chromium.screenshot("onstack-9-audit");

            browser.get(url + "/users");
            browser.findElement(By.name("username")).sendKeys(VIEWER);
            browser.findElement(By.name("password")).sendKeys(VIEWER_PASSWORD);
            browser.findElement(By.xpath("//select[@name='role']/option[normalize-space()='viewer']")).click();
            browser.findElement(By.cssSelector("form[action='/users'] button")).click();
            chromium.awaitTitle("User " + VIEWER);
            assertThat(chromium.page()).contains("saved as viewer");
            browser.manage().deleteAllCookies();
            browser.get(letters.get(0));
            chromium.signIn(VIEWER, VIEWER_PASSWORD);
            chromium.awaitTitle("Dead letter");
            assertThat(chromium.page()).contains("masked for your role");
            assertThat(browser.findElements(By.cssSelector("form[action$='/replay']"))).as("a viewer's replay button")
                    .isEmpty();
            browser.get(url + "/dead-letters?service=" + deadLetters + "&status=NEW");
            assertThat(browser.findElements(By.cssSelector("input[type='checkbox']"))).as("a viewer's checkboxes").isEmpty();
            browser.get(lookup);
            assertThat(chromium.page()).contains("masked for your role").doesNotContain("<pre class=\"row\">");
            chromium.screenshot("onstack-10-viewer");
        }
    }

    /** The first record of the reconciled service's topic, and what each of its targets holds for it: the page's URL. */
    private String lookUpTheFirstRecord(Chromium chromium) {
        WebDriver browser = chromium.browser;
        browser.get(url + "/reconciliation");
        browser.findElement(By.xpath("//form[@class='lookup']/select[@name='service']/option[normalize-space()='"
                + reconciled + "']")).click();
        browser.findElement(By.cssSelector("form.lookup input[name='topic']")).sendKeys(lookupTopic);
        browser.findElement(By.cssSelector("form.lookup input[name='partition']")).sendKeys("0");
        browser.findElement(By.cssSelector("form.lookup input[name='offset']")).sendKeys("0");
        browser.findElement(By.cssSelector("form.lookup button")).click();
        chromium.awaitTitle("Lookup in " + reconciled);
        assertThat(browser.findElement(By.className("source-outcome")).getText()).isEqualTo("accepted");
        List<String> held = browser.findElements(By.className("target-state")).stream().map(WebElement::getText).toList();
        assertThat(held).as("what the targets hold").hasSizeGreaterThanOrEqualTo(2)
                .allMatch(state -> state.matches("(a row|a delete marker) at position \\d+.*|holds nothing under this key"));
        assertThat(browser.findElements(By.cssSelector("p.bad"))).as("a target that could not be read").isEmpty();
        chromium.screenshot("onstack-8-lookup");
        return browser.getCurrentUrl();
    }

    /** The detail pages of the service's NEW dead letters on the list's first page. */
    private List<String> newDeadLetters(WebDriver browser) {
        browser.get(url + "/dead-letters?service=" + deadLetters + "&status=NEW");
        return browser.findElements(By.cssSelector("a[href^='/dead-letters/" + deadLetters + "/']")).stream()
                .map(link -> link.getAttribute("href")).toList();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        assertThat(value).as("system property " + property + " (dev/console-on-stack sets it)").isNotBlank();
        return value;
    }
}
