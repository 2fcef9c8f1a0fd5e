package io.wsingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.HeadlessChromium;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;
import io.wsingest.testing.Unique;
import io.wsingest.upload.UploadFixtures;

/**
 * The demonstration page {@code /demo/} in a real headless Chromium, on a server in development mode: an upload by
 * protocol A paused and resumed, stored byte for byte; OCR text that shows while the job runs; the fake camera
 * published on a channel and played back in a {@code <video>} that advances. Each test leaves a screenshot in
 * {@code target/} ({@code -Ddemo.screenshots=docs} to refresh the ones in the documentation).
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings("wsingest.dev-mode=true");
    }

    @ArquillianResource
    URL url;

    @Test
    void uploadPausedAndResumedIsStoredByteForByte() throws Exception {
        TestServer server = new TestServer(url);
        String user = Unique.name("demo-a");
        String project = UploadFixtures.project(server, user);
        // Large enough that the upload is still running when the page presses Pause.
        byte[] data = UploadFixtures.content(48 << 20, 41);
        Path file = Files.write(Files.createDirectories(Path.of("target", "demo")).resolve("survey.bin"), data);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            open(browser, server, user);
            browser.driver().findElement(By.id("project")).sendKeys(project);
            browser.driver().findElement(By.id("a-file")).sendKeys(file.toAbsolutePath().toString());
            browser.driver().findElement(By.id("a-start")).click();
            // Pressed from inside the page as soon as the bar moves: a poll from here could come too late.
            ((JavascriptExecutor) browser.driver()).executeAsyncScript("""
                    const done = arguments[arguments.length - 1];
                    const bar = document.getElementById('a-progress');
                    const poll = setInterval(() => {
                      if (bar.value > 0.05) { clearInterval(poll); document.getElementById('a-pause').click(); done(); }
                    }, 2);""");
            awaitState(browser, "a-status", "paused");
            JsonObject chain = Json.object(server.get("api/projects/" + project + "/upload",
                    TestServer.token(user)).body());
            assertEquals("IN_PROGRESS", chain.getString("state"));

            browser.driver().findElement(By.id("a-resume")).click();
            awaitState(browser, "a-status", "completed");
            chain = Json.object(server.get("api/projects/" + project + "/upload", TestServer.token(user)).body());
            byte[] stored = server.getBytes("api/projects/" + project + "/files/" + chain.getString("fileId")
                    + "/content", TestServer.token(user)).body();
            assertEquals(UploadFixtures.sha256(data), UploadFixtures.sha256(stored), "the stored bytes");
            screenshot(browser, "demo-upload.png");
        }
    }

    @Test
    void ocrTextAppearsWhileTheJobRuns() throws Exception {
        TestServer server = new TestServer(url);
        List<String> paragraphs = TextPages.THREE_PARAGRAPHS;
        // Three pages: the job runs long enough for the text to grow on the page.
        byte[] tiff = TestImages.multiPageTiff(TextPages.page(paragraphs, System.nanoTime()),
                TextPages.page(paragraphs, System.nanoTime() + 1), TextPages.page(paragraphs, System.nanoTime() + 2));
        Path file = Files.write(Files.createDirectories(Path.of("target", "demo")).resolve("pages.tif"), tiff);

        try (HeadlessChromium browser = HeadlessChromium.start()) {
            open(browser, server, Unique.name("demo-d"));
            // The page records what it showed while the job was processing, so no poll from here can miss it.
            ((JavascriptExecutor) browser.driver()).executeScript("""
                    window.shownWhileProcessing = [];
                    const text = document.getElementById('d-text');
                    new MutationObserver(() => {
                      if (document.getElementById('d-status').dataset.state === 'processing' && text.textContent)
                        window.shownWhileProcessing.push(text.textContent);
                    }).observe(text, {childList: true, characterData: true, subtree: true});""");
            browser.driver().findElement(By.id("d-file")).sendKeys(file.toAbsolutePath().toString());
            awaitState(browser, "d-status", "processed");

            @SuppressWarnings("unchecked")
            List<String> shown = (List<String>) ((JavascriptExecutor) browser.driver())
                    .executeScript("return window.shownWhileProcessing;");
            assertTrue(!shown.isEmpty(), "no text showed while the job ran");
            String finalText = browser.driver().findElement(By.id("d-text")).getText();
            assertTrue(finalText.length() > shown.get(0).length(), "the text grew: " + shown.get(0));
            assertTrue(finalText.contains("quick brown fox"), finalText);
            screenshot(browser, "demo-ocr.png");
        }
    }

    @Test
    void cameraPublishedOnAChannelPlaysInTheVideo() throws Exception {
        TestServer server = new TestServer(url);
        try (HeadlessChromium browser = HeadlessChromium.start("--use-fake-device-for-media-stream",
                "--use-fake-ui-for-media-stream", "--autoplay-policy=no-user-gesture-required")) {
            open(browser, server, Unique.name("demo-e"));
            WebDriver page = browser.driver();
            page.findElement(By.id("e-channel")).clear();
            page.findElement(By.id("e-channel")).sendKeys(Unique.name("cam"));
            page.findElement(By.id("e-publish")).click();
            awaitState(browser, "e-status", "publishing");
            page.findElement(By.id("e-watch")).click();

            double started = browser.await("the video to play", driver -> {
                double time = currentTime(driver);
                return time > 0 ? time : null;
            });
            browser.await("the video to advance past " + started, driver -> currentTime(driver) > started + 1);
            screenshot(browser, "demo-live.png");
            page.findElement(By.id("e-stop")).click();
        }
    }

    private static double currentTime(WebDriver driver) {
        Object time = ((JavascriptExecutor) driver).executeScript(
                "return document.getElementById('e-video').currentTime;");
        return ((Number) time).doubleValue();
    }

    private static void open(HeadlessChromium browser, TestServer server, String user) {
        browser.driver().get(server.http("demo/").toString());
        browser.driver().findElement(By.id("token")).sendKeys(TestServer.token(user));
    }

    /** Waits for a status line's {@code data-state}; a failure shows the line's text (the error's code). */
    private static void awaitState(HeadlessChromium browser, String statusId, String state) {
        browser.await(statusId + " to be " + state, driver -> {
            var line = driver.findElement(By.id(statusId));
            String now = line.getAttribute("data-state");
            if ("failed".equals(now) && !"failed".equals(state)) {
                throw new AssertionError(statusId + " failed: " + line.getText());
            }
            return state.equals(now);
        });
    }

    private static void screenshot(HeadlessChromium browser, String name) throws Exception {
        Path directory = Path.of(System.getProperty("demo.screenshots", "target"));
        Files.createDirectories(directory);
        Files.write(directory.resolve(name), browser.screenshot());
    }
}
