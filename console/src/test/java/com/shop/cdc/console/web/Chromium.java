package com.shop.cdc.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.function.Predicate;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** Headless Debian chromium (dev/browser installs it) driven through its chromedriver, for the browser tests. */
final class Chromium implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Path.of("target/screenshots");

    final WebDriver browser;

    private Chromium(WebDriver browser) {
        this.browser = browser;
    }

    static boolean installed() {
        return Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
    }

    static Chromium start() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        ChromeOptions options = new ChromeOptions().setBinary(BINARY.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,1000");
        WebDriver browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        return new Chromium(browser);
    }

    /** Fills in the login form the browser is on and submits it. */
    void signIn(String user, String password) {
        assertThat(browser.getTitle()).contains("Sign in");
        browser.findElement(By.name("j_username")).sendKeys(user);
        browser.findElement(By.name("j_password")).sendKeys(password);
        browser.findElement(By.tagName("button")).click();
    }

    /** A click that submits a form returns before the next page is there: wait for its title. */
    void awaitTitle(String prefix) {
        await("title " + prefix, Duration.ofSeconds(60), b -> b.getTitle().startsWith(prefix));
    }

    /** Waits for the text, a page that refreshes itself included. */
    void awaitText(String text, Duration timeout) {
        await(text, timeout, b -> b.getPageSource().contains(text));
    }

    String page() {
        return browser.getPageSource();
    }

    void screenshot(String name) {
        try {
            Path shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
            Files.copy(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void await(String what, Duration timeout, Predicate<WebDriver> done) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(browser) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        if (!done.test(browser)) {
            screenshot("failed-" + what.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-"));
        }
        assertThat(done.test(browser)).as("%s on %s after %s", what, browser.getCurrentUrl(), timeout).isTrue();
    }

    @Override
    public void close() {
        browser.quit();
    }
}
