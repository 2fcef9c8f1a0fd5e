package io.wsingest.testing;

import java.io.File;
import java.time.Duration;
import java.util.function.Function;

import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for the tests of pages: Debian's {@code chromium}, headless, driven through Debian's
 * {@code chromium-driver} (both installed by {@code .ci/run}). Both are named by path, so Selenium never looks for,
 * or downloads, a browser or a driver of its own. Other paths: {@code -Dchromium.binary=…} and
 * {@code -Dchromium.driver=…}.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** How long a test waits for the page to reach a state; a deadline, not an expected duration. */
    public static final Duration WAIT = Duration.ofSeconds(60);

    private final ChromeDriver driver;

    private HeadlessChromium(ChromeDriver driver) {
        this.driver = driver;
    }

    public static HeadlessChromium start() {
        return start(new String[0]);
    }

    /**
     * A browser with more command-line switches, e.g. {@code --use-fake-device-for-media-stream} and
     * {@code --use-fake-ui-for-media-stream} for a page that uses the camera: a generated picture, no prompt.
     */
    public static HeadlessChromium start(String... moreArguments) {
        File binary = existing("chromium.binary", "/usr/bin/chromium");
        File driverExecutable = existing("chromium.driver", "/usr/bin/chromedriver");
        ChromeOptions options = new ChromeOptions()
                .setBinary(binary)
                // --no-sandbox: the tests may run as root, where Chromium's sandbox refuses to start.
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                        "--window-size=1280,1100", "--lang=en")
                .addArguments(moreArguments);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(driverExecutable)
                .usingAnyFreePort()
                .build();
        return new HeadlessChromium(new ChromeDriver(service, options));
    }

    private static File existing(String property, String fallback) {
        File file = new File(System.getProperty(property, fallback));
        if (!file.canExecute()) {
            throw new IllegalStateException(file + " is missing: install Debian's chromium and chromium-driver (as"
                    + " .ci/run does), or name them with -D" + property + "=…");
        }
        return file;
    }

    public WebDriver driver() {
        return driver;
    }

    /**
     * Waits, until {@link #WAIT} has passed, for the condition to give a value other than null or false. A page that
     * redraws itself can replace an element between finding and reading it: the condition is then asked again.
     */
    public <T> T await(String what, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT).withMessage(what).ignoring(StaleElementReferenceException.class)
                .until(condition);
    }

    /** A PNG of the window as it is now. */
    public byte[] screenshot() {
        return driver.getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
    }

    @Override
    public void close() {
        driver.quit();
    }
}
