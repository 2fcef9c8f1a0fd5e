package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.asset.StringAsset;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestPdfs;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;

/**
 * The Tesseract engine in the server, over real sockets: a page with three known paragraphs streams its text line
 * by line and ends with that text; a corrupt image ends in error; deleting an upload stops its OCR. The deployment
 * sends every line as its own event ({@code wsingest.ocr.event-interval-millis=0}).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class UploadApiOcrIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addAsResource(new StringAsset("wsingest.ocr.event-interval-millis=0\n"),
                "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL url;

    private UploadApiClient connect(String user) throws Exception {
        return UploadApiClient.connect(new TestServer(url), "ws/core/upload/", user + "-" + System.nanoTime());
    }

    private static byte[] page(List<String> paragraphs) {
        return TestImages.encode(TextPages.page(paragraphs, System.nanoTime()), "png");
    }

    @Test
    void aThreeParagraphPageStreamsItsLinesThenEndsWithItsText() throws Exception {
        try (UploadApiClient client = connect("ocr-reader")) {
            JsonObject created = client.create(page(TextPages.THREE_PARAGRAPHS));
            assertEquals("Upload.created", created.getString("type"));
            String id = created.getJsonObject("instance").getString("id");

            List<JsonObject> events = client.statusUntilFinal(id);
            JsonObject last = events.get(events.size() - 1);
            assertEquals("processed", last.getString("status"), last::toString);
            List<String> streamed = events.subList(0, events.size() - 1).stream()
                    .map(e -> e.getString("streamed_text")).filter(text -> !text.isEmpty()).toList();
            assertTrue(streamed.size() >= 2, () -> "at least two partial texts: " + events);
            for (int i = 1; i < streamed.size(); i++) {
                String before = streamed.get(i - 1);
                String after = streamed.get(i);
                assertTrue(after.startsWith(before) && after.length() > before.length(), "growing: " + streamed);
            }
            String raw = last.getString("raw_text");
            assertEquals(streamed.get(streamed.size() - 1), raw, "the last partial text is the whole text");
            double cer = TextPages.characterErrorRate(TextPages.asText(TextPages.THREE_PARAGRAPHS), raw);
            assertTrue(cer < 0.02, () -> "character error rate " + cer + ": " + raw);
            assertEquals(3, raw.split("\n\n").length, raw);
            assertEquals(3, last.getString("processed_text").split("\n\n").length, last::toString);
        }
    }

    @Test
    void aPdfIsReadPageAfterPage() throws Exception {
        byte[] pdf = TestPdfs.typeset(List.of(TextPages.THREE_PARAGRAPHS.subList(0, 2),
                TextPages.THREE_PARAGRAPHS.subList(2, 3)));
        try (UploadApiClient client = connect("ocr-pdf")) {
            JsonObject instance = client.create(pdf).getJsonObject("instance");
            assertEquals("application/pdf", instance.getString("content_type"));
            List<JsonObject> events = client.statusUntilFinal(instance.getString("id"));
            JsonObject last = events.get(events.size() - 1);
            assertEquals("processed", last.getString("status"), last::toString);
            assertTrue(events.stream().anyMatch(e -> "processing".equals(e.getString("status"))
                            && e.getString("streamed_text").contains("fox")
                            && !e.getString("streamed_text").contains("Sphinx")),
                    () -> "the first page's text streams before the second page is read: " + events);
            String raw = last.getString("raw_text");
            double cer = TextPages.characterErrorRate(TextPages.asText(TextPages.THREE_PARAGRAPHS), raw);
            assertTrue(cer < 0.02, () -> "character error rate " + cer + ": " + raw);
        }
    }

    @Test
    void aCorruptImageEndsInErrorWithTheReason() throws Exception {
        byte[] corrupt = TestImages.truncated(page(TextPages.THREE_PARAGRAPHS.subList(0, 1)), 2_000);
        try (UploadApiClient client = connect("ocr-corrupt")) {
            String id = client.create(corrupt).getJsonObject("instance").getString("id");
            JsonObject failed = client.finalStatus(id);
            assertEquals("error", failed.getString("status"), failed::toString);
            assertEquals("Cannot read the PNG image: it is corrupt or truncated.", failed.getString("error"));
        }
    }

    @Test
    void deletingAnUploadDuringOcrStopsItsJob() throws Exception {
        List<String> many = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            many.addAll(TextPages.THREE_PARAGRAPHS);
        }
        try (UploadApiClient client = connect("ocr-delete")) {
            String id = client.create(page(many)).getJsonObject("instance").getString("id");
            JsonObject event;
            do {
                event = client.next();
                if (UploadApiClient.isStatusChange(event)) {
                    continue;
                }
                assertEquals("processing", event.getString("status"), event::toString);
            } while (UploadApiClient.isStatusChange(event) || event.getString("streamed_text").isEmpty());

            client.send("{\"type\":\"delete\",\"instance_id\":\"" + id + "\"}");
            do {
                event = client.next();
            } while (!event.getString("type").equals("Upload.deleted"));
            assertEquals(id, event.getString("instance_id", id));

            // A second upload runs to its end; the deleted one sends nothing more meanwhile.
            String other = client.create(page(TextPages.THREE_PARAGRAPHS.subList(0, 1))).getJsonObject("instance")
                    .getString("id");
            List<JsonObject> events = client.statusUntilFinal(other);
            assertEquals("processed", events.get(events.size() - 1).getString("status"));
            JsonObject gone = client.command("{\"type\":\"retrieve\",\"instance_id\":\"" + id + "\"}", "Upload.status");
            assertTrue(gone.containsKey("error"), gone::toString);
        }
    }
}
