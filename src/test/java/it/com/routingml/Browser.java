package it.com.routingml;

import com.routingml.testing.Prerequisites;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedCondition;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Headless Debian Chromium driven through its chromedriver, on a fresh profile. Where either is
 * missing the browser ITs are skipped with the reason, except under {@code CI=true}, where a
 * missing browser fails the build ({@link Prerequisites}; .ci/run installs both).
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("it.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("it.chromedriver", "/usr/bin/chromedriver"));
    static final Path SCREENSHOTS = Path.of(System.getProperty("it.screenshots.dir", "target/screenshots"));

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(ChromeDriverService service, ChromeDriver driver, Path profile) {
        this.service = service;
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts the browser at 1280 x 900, or skips the calling test (fails it on CI) when there is none. */
    static Browser start() {
        String hint = "Debian packages chromium and chromium-driver, which .ci/run installs; or -Dit.chromium, "
                + "-Dit.chromedriver";
        Prerequisites.executable(CHROMIUM, hint);
        Prerequisites.executable(CHROMEDRIVER, hint);
        try {
            Path profile = Files.createTempDirectory("routingml-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile, "--window-size=1280,900", "--hide-scrollbars", "--lang=en-US");
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingPort(Integer.getInteger("it.chromedriver.port", 0))
                    .build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            return new Browser(service, driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens a console route (e.g. {@code #/drift}) and waits until its page says it is ready. */
    void open(String route) {
        driver.get(Server.BASE + "/console/" + route);
        awaitReady(route.replaceFirst("^#/", "").replaceFirst("\\?.*", ""));
    }

    /** Waits for {@code <html data-ready="page">}, set when a page has rendered its data. */
    void awaitReady(String page) {
        until("page " + page + " ready",
                d -> page.equals(d.findElement(By.tagName("html")).getAttribute("data-ready")));
    }

    <T> T until(String what, ExpectedCondition<T> condition) {
        // A page may redraw itself (the drift page refreshes): an element found a moment ago can be gone.
        return new WebDriverWait(driver, Await.DEFAULT).withMessage(what)
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(condition);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** The elements matching {@code css} now (none is not an error). */
    java.util.List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    /** Waits for an element matching {@code css} to exist. */
    WebElement await(String css) {
        return until(css, d -> d.findElements(By.cssSelector(css)).stream().findFirst().orElse(null));
    }

    /** The texts of the elements matching {@code css}, in document order. */
    java.util.List<String> texts(String css) {
        return all(css).stream().map(WebElement::getText).toList();
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** Saves the whole page (window stretched to the page's height, at most 3000 px) as {@code name}.png. */
    void screenshot(String name) {
        Dimension before = driver.manage().window().getSize();
        js("window.scrollTo(0, 0); document.activeElement && document.activeElement.blur()");
        long height = ((Number) js("return Math.ceil(document.documentElement.scrollHeight)")).longValue();
        int stretched = (int) Math.min(3000, Math.max(600, height + 90));
        driver.manage().window().setSize(new Dimension(before.getWidth(), stretched));
        try {
            Files.createDirectories(SCREENSHOTS);
            Files.write(SCREENSHOTS.resolve(name + ".png"), Png.indexed(driver.getScreenshotAs(OutputType.BYTES)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            driver.manage().window().setSize(before);
        }
    }

    WebDriver raw() {
        return driver;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover temporary profile is harmless
            }
        }
    }
}
