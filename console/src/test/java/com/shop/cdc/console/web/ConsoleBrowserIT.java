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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * A real browser (headless Debian chromium, installed by dev/browser) signs in as an operator and goes
 * through the pages, every service being down; screenshots in target/screenshots. Skipped without chromium.
 */
@QuarkusTest
@QuarkusTestResource(ConsoleDatabase.class)
class ConsoleBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    @TestHTTPResource("/")
    URL console;

    @Inject
    Users users;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void anOperatorSignsInAndGoesThroughThePages() throws IOException {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "the browser test needs chromium and chromedriver (run dev/browser to install them): skipped");
        users.save("otto", "operator-pass-1", Role.OPERATOR);
        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        WebDriver browser = new ChromeDriver(service, options);
        try {
            browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
            browser.get(console + "dead-letters");
            assertThat(browser.getTitle()).contains("Sign in");
            screenshot(browser, "1-login");
            browser.findElement(By.name("j_username")).sendKeys("otto");
            browser.findElement(By.name("j_password")).sendKeys("operator-pass-1");
            browser.findElement(By.tagName("button")).click();
            awaitTitle(browser, "Dead letters");
            assertThat(browser.getPageSource()).contains("users-sink does not answer");
            screenshot(browser, "2-dead-letters");
            browser.get(console.toString());
            assertThat(browser.getPageSource()).contains("unreachable", "Kafka Connect at");
            screenshot(browser, "3-pipeline");
            browser.get(console + "reconciliation");
            browser.findElement(By.cssSelector("form[action='/reconciliation/users-sink'] button")).click();
            awaitTitle(browser, "Reconciliation run");
            // the run goes on in the background; its page refreshes itself until it ends
            awaitText(browser, "users-sink does not answer");
            screenshot(browser, "4-reconciliation");
            browser.get(console + "audit");
            assertThat(browser.getPageSource()).contains("otto", "reconcile");
            screenshot(browser, "5-audit");
        } finally {
            browser.quit();
        }
    }

    /** A click that submits a form returns before the next page is there: wait for it, 60 s at most. */
    private static void awaitTitle(WebDriver browser, String prefix) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!browser.getTitle().startsWith(prefix) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!browser.getTitle().startsWith(prefix)) {
            screenshot(browser, "failed-" + prefix.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        }
        assertThat(browser.getTitle()).as(browser.getCurrentUrl()).startsWith(prefix);
    }

    private static void awaitText(WebDriver browser, String text) throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!browser.getPageSource().contains(text) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!browser.getPageSource().contains(text)) {
            screenshot(browser, "failed-text");
        }
        assertThat(browser.getPageSource()).as(browser.getCurrentUrl()).contains(text);
    }

    private static void screenshot(WebDriver browser, String name) throws IOException {
        Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
