package io.wsingest.admin;

import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.chunk;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import jakarta.json.JsonArray;
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
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.HeadlessChromium;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;
import io.wsingest.upload.UploadClient;
import io.wsingest.upload.UploadFixtures;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * The operator page {@code /admin/} in a real headless Chromium: an administrator signs in with a token, sees open
 * connections and a live channel, and watches a figure move after an upload; a token without the role is refused on
 * the page; the figures endpoint behind it. The signed-in test leaves a screenshot in {@code target/admin-page.png}
 * ({@code -Dadmin.screenshot=…} for another path, e.g. {@code docs/admin-page.png}).
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class AdminPageIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    @Test
    void administratorSeesConnectionsChannelsAndAnUploadMove() throws Exception {
        TestServer server = server();
        String project = UploadFixtures.project(server, "amy");
        byte[] data = UploadFixtures.content(200_000, 18);
        String live = channel("cam");
        // Protocol D's socket idles for minutes before it is closed (A's, on the test server, after 5 s).
        try (HeadlessChromium browser = HeadlessChromium.start();
             UploadApiClient events = UploadApiClient.connect(server, "ws/core/upload/", "amy");
             WsClient receiver = connect(server, live, "k1", "receive");
             WsClient publisher = connect(server, live, "k1", "publish")) {
            publisher.sendBinary(chunk("frame"));
            assertEquals("frame", nextChunk(receiver));
            signIn(browser, server, TestServer.adminToken("root"));

            browser.await("D's open socket on the page", page -> figureOf(page, "D.connections") >= 1);
            browser.await("E's publisher and receiver on the page", page -> figureOf(page, "E.connections") >= 2);
            By channelRow = By.cssSelector("#channels tr[data-channel='" + live + "']");
            browser.await("the live channel", page -> page.findElements(channelRow).size() == 1);
            List<WebElement> cells = browser.driver().findElement(channelRow).findElements(By.tagName("td"));
            assertEquals("yes", cells.get(1).getText(), "publishing");
            assertEquals("1", cells.get(2).getText(), "one receiver");

            long completedBefore = figure(browser, "A.completed");
            try (UploadClient upload = UploadClient.connect(server, "amy", "id=" + project)) {
                upload.uploadAll("survey.bin", data);
                upload.awaitCompletion(data.length);
            }
            browser.await("A's completed uploads one more than " + completedBefore,
                    page -> figureOf(page, "A.completed") == completedBefore + 1);

            // One more sample, so that the charts of what changed between samples show the upload.
            String sampled = browser.driver().findElement(By.id("sampled")).getText();
            browser.await("the next sample", page -> !page.findElement(By.id("sampled")).getText().equals(sampled));
            Path screenshot = Path.of(System.getProperty("admin.screenshot", "target/admin-page.png"));
            Files.createDirectories(screenshot.toAbsolutePath().getParent());
            Files.write(screenshot, browser.screenshot());
        }
    }

    @Test
    void tokenWithoutTheAdministratorRoleIsRefusedOnThePage() {
        TestServer server = server();
        try (HeadlessChromium browser = HeadlessChromium.start()) {
            signIn(browser, server, TestServer.token("jack"));
            String refusal = browser.await("the page's refusal", page -> {
                String text = page.findElement(By.id("login-error")).getText();
                return text.isEmpty() ? null : text;
            });
            assertTrue(refusal.contains("403") && refusal.contains("not an administrator"), refusal);
            assertFalse(browser.driver().findElement(By.id("dashboard")).isDisplayed());
            assertTrue(browser.driver().findElements(By.cssSelector("[data-figure='A.completed']")).isEmpty());

            signIn(browser, server, "not-a-token");
            browser.await("the refusal of a token the server cannot read",
                    page -> page.findElement(By.id("login-error")).getText().contains("401"));
        }
    }

    @Test
    void figuresNeedAnAdministratorAndThePageHoldsNoData() throws Exception {
        TestServer server = server();
        assertEquals(401, server.get("api/admin/figures", null).statusCode());
        assertEquals(401, server.get("api/admin/figures", "not-a-token").statusCode());
        var refused = server.get("api/admin/figures", TestServer.token("jack"));
        assertEquals(403, refused.statusCode());
        assertEquals("administrator role required", Json.object(refused.body()).getString("error"));

        var figures = server.get("api/admin/figures", TestServer.adminToken("root"));
        assertEquals(200, figures.statusCode(), figures.body());
        JsonObject body = Json.object(figures.body());
        JsonArray protocols = body.getJsonArray("protocols");
        assertEquals(List.of("A", "B", "C", "D", "E"),
                protocols.stream().map(p -> p.asJsonObject().getString("protocol")).toList());
        assertTrue(body.getJsonObject("disk").getJsonNumber("freeBytes").longValue() > 0, body.toString());

        var page = server.get("admin/", null);
        assertEquals(200, page.statusCode());
        assertTrue(page.headers().firstValue("Content-Type").orElse("").startsWith("text/html"));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElse("").contains("script-src 'self'"));
        try (InputStream file = AdminPage.class.getResourceAsStream("page/index.html")) {
            assertEquals(new String(file.readAllBytes(), StandardCharsets.UTF_8), page.body(),
                    "the page is its static file: it carries no data");
        }
        assertEquals(303, server.get("admin", null).statusCode(), "to admin/, where the relative links work");
        assertEquals(404, server.get("admin/secrets.txt", null).statusCode());
    }

    private static void signIn(HeadlessChromium browser, TestServer server, String token) {
        WebDriver page = browser.driver();
        page.get(server.http("admin/").toString());
        browser.await("the sign-in form", p -> p.findElement(By.id("token")).isDisplayed());
        page.findElement(By.id("token")).sendKeys(token);
        page.findElement(By.cssSelector("#login-form button")).click();
    }

    /** Waits for the figure to be on the page, and reads it. */
    private static long figure(HeadlessChromium browser, String key) {
        return browser.await(key + " on the page", page -> {
            long value = figureOf(page, key);
            return value < 0 ? null : value;
        });
    }

    /** The figure as the page shows it now; -1 while it is not there. */
    private static long figureOf(WebDriver page, String key) {
        List<WebElement> found = page.findElements(By.cssSelector("[data-figure='" + key + "']"));
        if (found.isEmpty() || !found.get(0).getText().matches("\\d+")) {
            return -1;
        }
        return Long.parseLong(found.get(0).getText());
    }
}
