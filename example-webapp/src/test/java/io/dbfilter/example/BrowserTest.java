package io.dbfilter.example;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The example application in a real browser: Debian's Chromium driven by Selenium through
 * {@code /usr/bin/chromedriver}. Skips when the browser is not installed, unless
 * {@code -Dexample.browser.required=true} (as in CI) makes that a failure.
 */
class BrowserTest {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private ExampleApp app;
    private WebDriver browser;

    @BeforeEach
    void start() throws Exception {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && Boolean.getBoolean("example.browser.required")) {
            throw new AssertionError("example.browser.required=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: apt-get install chromium chromium-driver");
        }
        assumeTrue(installed, "skipped: no Chromium at " + CHROMIUM + " with " + CHROMEDRIVER
                + " (apt-get install chromium chromium-driver)");
        app = ExampleApp.start();
        var options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage", "--window-size=1100,760");
        var service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.close();
        }
    }

    private void open(String path) {
        browser.get(app.uri(path).toString());
    }

    private void fillAndSubmit(String username, String email) {
        WebElement name = browser.findElement(By.name("username"));
        name.clear();
        name.sendKeys(username);
        WebElement mail = browser.findElement(By.name("email"));
        mail.clear();
        mail.sendKeys(email);
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
    }

    private void awaitTitle(String prefix) {
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.titleContains(prefix));
    }

    private List<String> listed() {
        return browser.findElements(By.cssSelector("tbody td:first-child a")).stream().map(WebElement::getText).toList();
    }

    @Test
    void aVisitorCreatesListsEditsAndDeletesUsers() throws Exception {
        open("/");
        awaitTitle("Users");
        browser.findElement(By.linkText("New user")).click();
        awaitTitle("New user");
        fillAndSubmit("bob", "bob@example.com");
        awaitTitle("bob");
        open("/users/create");
        fillAndSubmit("ann", "ann@example.com");
        awaitTitle("ann");

        open("/users");
        assertEquals(List.of("ann", "bob"), listed());
        Path screenshot = ((ChromeDriver) browser).getScreenshotAs(OutputType.FILE).toPath();
        Files.copy(screenshot, Path.of("target", "example-users.png"), StandardCopyOption.REPLACE_EXISTING);

        browser.findElement(By.linkText("bob")).click();
        awaitTitle("bob");
        browser.findElement(By.linkText("Edit")).click();
        awaitTitle("Edit bob");
        fillAndSubmit("bobby", "bobby@example.com");
        awaitTitle("bobby");
        assertTrue(browser.findElement(By.tagName("main")).getText().contains("bobby@example.com"));

        browser.findElement(By.linkText("Delete")).click();
        awaitTitle("Delete bobby");
        browser.findElement(By.cssSelector("form button[type=submit]")).click();
        awaitTitle("Users");
        assertEquals(List.of("ann"), listed());

        open("/users/create");
        fillAndSubmit("ann", "");
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(".message")));
        assertEquals("The username ann is already taken.", browser.findElement(By.cssSelector(".message")).getText());

        // The pages work under their own Content-Security-Policy: Chromium reports every refusal on its console.
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
        assertEquals(List.of(), refused);
    }

    @Test
    void aVisitorWalksTheNewestUsersOlderAndBackNewer() throws Exception {
        for (int i = 1; i <= 25; i++) {
            app.create(String.format("user%02d", i), "");
        }

        open("/users");
        browser.findElement(By.linkText("Newest")).click();
        awaitTitle("Newest users");
        assertEquals("user25", listed().get(0));
        assertEquals(10, listed().size());
        browser.findElement(By.partialLinkText("Older")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(ExpectedConditions.urlContains("cursor="));
        List<String> second = listed();
        assertEquals("user15", second.get(0));
        browser.findElement(By.partialLinkText("Older")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(driver -> listed().equals(List.of("user05", "user04", "user03", "user02", "user01")));
        assertTrue(browser.findElements(By.partialLinkText("Older")).isEmpty());

        browser.findElement(By.partialLinkText("Newer")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> listed().equals(second));
        List<String> refused = browser.manage().logs().get(LogType.BROWSER).getAll().stream()
                .map(LogEntry::getMessage).filter(message -> message.contains("Content Security Policy")).toList();
        assertEquals(List.of(), refused);
    }
}
