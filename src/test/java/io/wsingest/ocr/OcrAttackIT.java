package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

import io.wsingest.testing.Bystander;
import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestImages;
import io.wsingest.testing.TestPdfs;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.TextPages;
import io.wsingest.uploadapi.OcrRecoveryProbe;
import io.wsingest.uploadapi.UploadApiClient;

/**
 * Hostile images through the Upload API, with the real engine: a tiny TIFF that claims a 10-gigapixel page, a PDF
 * page of compressed drawing instructions that inflate to 120 MB, one that draws a form 400,000 times, and an image
 * whose job brought the server down again and again. Each ends in {@code error} with protocol D's documented text, and a bystander is served by every
 * protocol meanwhile.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class OcrAttackIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addClass(OcrRecoveryProbe.class);
    }

    @ArquillianResource
    URL url;

    private TestServer server() {
        return new TestServer(url);
    }

    private UploadApiClient connect(String user) throws Exception {
        return UploadApiClient.connect(server(), "ws/core/upload/", user + "-" + System.nanoTime());
    }

    private static String id(JsonObject created) {
        return created.getJsonObject("instance").getString("id");
    }

    /** Sends the image, has a bystander served while its job runs, and expects the job to end in this error. */
    private void assertRefusedWhileOthersAreServed(byte[] image, String error) throws Exception {
        try (UploadApiClient attacker = connect("attacker")) {
            String id = id(attacker.create(image));
            new Bystander(server()).assertUnharmed();
            JsonObject failed = attacker.finalStatus(id);
            assertEquals("error", failed.getString("status"), failed::toString);
            assertEquals(error, failed.getString("error"));
        }
    }

    @Test
    void aTinyTiffClaimingAHugeSecondPageIsRefusedBeforeAnyPageIsDecoded() throws Exception {
        // 92 bytes: page 1 is 10 × 10 pixels, page 2 claims 100,000 × 100,000 (10 GB decoded).
        byte[] tiff = TestImages.tiffClaiming(2, 10, 10);
        ByteBuffer.wrap(tiff).order(ByteOrder.LITTLE_ENDIAN).putInt(8 + 42 + 2 + 8, 100_000)
                .putInt(8 + 42 + 2 + 12 + 8, 100_000);
        assertRefusedWhileOthersAreServed(tiff, "Page 2 of the TIFF image is too large for OCR: 100000 × 100000 pixels"
                + " (10000000000), the limit is 40000000 pixels.");
    }

    @Test
    void aPdfPageWhoseInstructionsInflateTo120MegabytesIsRefusedBeforeItIsDrawn() throws Exception {
        assertRefusedWhileOthersAreServed(TestPdfs.repeatingInstruction("0 0 m\n", 20_000_000),
                "Page 1 of the PDF is too complex for OCR: more than 4194304 bytes of drawing instructions, the limit.");
    }

    @Test
    void aPdfPageDrawingOneFormHundredsOfThousandsOfTimesIsRefusedBeforeItIsDrawn() throws Exception {
        assertRefusedWhileOthersAreServed(TestPdfs.drawingAForm(1_000, 400_000),
                "Page 1 of the PDF is too complex for OCR: more than 500000 drawing operators, the limit.");
    }

    @Test
    void anUploadWhoseJobStartedMaxAttemptsTimesEndsInErrorAtRecoveryAndOthersResume() throws Exception {
        TestServer server = server();
        try (UploadApiClient owner = connect("poison-owner")) {
            String poison = id(owner.create(TestImages.png(24, 16, System.nanoTime())));
            assertEquals("processed", owner.finalStatus(poison).getString("status"));
            assertEquals("1", server.get("test/ocr/" + poison + "/attempts", null).body(),
                    "the start was counted in the database");
            String ordinary = id(owner.create(TestImages.encode(TextPages.page(
                    TextPages.THREE_PARAGRAPHS.subList(0, 1), System.nanoTime()), "png")));
            assertEquals("processed", owner.finalStatus(ordinary).getString("status"));

            // The server went down during the third start of one job and during the first start of the other.
            assertEquals(204, server.postJson("test/ocr/" + poison + "/interrupted?attempts=3", null, "").statusCode());
            assertEquals(204, server.postJson("test/ocr/" + ordinary + "/interrupted?attempts=1", null, "")
                    .statusCode());
            var recovered = server.postJson("test/ocr/recover", null, "");
            assertEquals(200, recovered.statusCode(), recovered.body());

            new Bystander(server).assertUnharmed();
            JsonObject gaveUp = owner.finalStatus(poison);
            assertEquals("error", gaveUp.getString("status"), gaveUp::toString);
            assertEquals("OCR stopped: the server was interrupted 3 times while reading this image, so it is not tried"
                    + " again; set status to \"pending\" to try once more.", gaveUp.getString("error"));
            List<JsonObject> resumed = owner.statusUntilFinal(ordinary);
            assertEquals("processed", resumed.get(resumed.size() - 1).getString("status"), resumed::toString);
            assertEquals("2", server.get("test/ocr/" + ordinary + "/attempts", null).body());

            JsonObject retrieved = owner.command("{\"type\":\"retrieve\",\"instance_id\":\"" + poison + "\"}",
                    "Upload.status").getJsonObject("instance");
            assertEquals("error", retrieved.getString("status"));
            assertEquals("3", server.get("test/ocr/" + poison + "/attempts", null).body(),
                    "giving up does not start the job");
        }
    }
}
