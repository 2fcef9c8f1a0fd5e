package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;

import jakarta.json.JsonObject;
import jakarta.websocket.CloseReason;

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
import io.wsingest.testing.TestServer;

/**
 * Proves that {@code image_base64} streams: a 17,700 × 17,700 pixel PNG (about 300 MiB, stored uncompressed) goes
 * to the server as one text message of about 418 million characters, while the test server runs with
 * {@code -Xmx768m}. Held as one string the message alone would take 418 MB, and building it (a growing buffer that
 * doubles) more than the whole heap; the server instead decodes it into storage as it arrives. The OCR engine then
 * refuses it from its header, before decoding, as beyond the pixel limit. This deployment allows images of 400 MiB.
 *
 * <p>On WildFly the message goes as one frame: Undertow hands the application a frame in parts. Payara's Tyrus holds
 * each frame whole, up to its limit ({@link TestServer#frameLimit()}), so there the message goes in frames of 1 MiB,
 * as the protocol page tells clients of a Payara server to send large images; one frame over the limit ends the
 * connection before the application sees it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class UploadApiLargeImageIT {

    private static final int SIDE = 17_700;

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application().addAsResource(new StringAsset(
                "wsingest.uploadapi.max-image-bytes=400MiB\nwsingest.ocr.max-image-bytes=400MiB\n"),
                "META-INF/microprofile-config.properties");
    }

    @ArquillianResource
    URL url;

    @Test
    void aThreeHundredMegabyteImageStreamsIntoStorageOnASmallHeap() throws Exception {
        byte[] png = greyPng(SIDE, SIDE);
        String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(png));
        String message = createMessage(png);

        try (UploadApiClient client = UploadApiClient.connect(new TestServer(url), "ws/core/upload/",
                "large-" + System.nanoTime())) {
            if (TestServer.frameLimit() == 0) {
                client.send(message);
            } else {
                client.ws().sendTextInFrames(message, 1 << 20);
            }
            message = null;
            JsonObject created = client.next();
            assertEquals("Upload.created", created.getString("type"), created::toString);
            assertFalse(created.getBoolean("duplicate"));
            JsonObject instance = created.getJsonObject("instance");
            assertEquals(png.length, instance.getJsonNumber("size").longValue());
            assertEquals(sha256, instance.getString("image_hash"));
            assertEquals("image/png", instance.getString("content_type"));

            String id = instance.getString("id");
            List<JsonObject> status = client.statusUntilFinal(id);
            JsonObject last = status.get(status.size() - 1);
            assertEquals("error", last.getString("status"), last::toString);
            assertEquals("The image is too large for OCR: 17700 × 17700 pixels (313290000), the limit is 40000000"
                    + " pixels.", last.getString("error"));

            client.command("{\"type\":\"delete\",\"instance_id\":\"" + id + "\"}", "Upload.deleted");
        }
    }

    /** Payara: a message in one frame longer than the container's limit is closed by Tyrus, unread. */
    @Test
    void aFrameOverTheContainersLimitEndsTheConnection() throws Exception {
        assumeTrue(TestServer.frameLimit() > 0, "WildFly's container streams frames of any size");
        String message = createMessage(new byte[TestServer.frameLimit()]); // a third longer once in base64
        try (UploadApiClient client = UploadApiClient.connect(new TestServer(url), "ws/core/upload/",
                "frame-" + System.nanoTime())) {
            try {
                client.send(message);
            } catch (IOException closedWhileSending) {
                // Tyrus may close before the last bytes are written.
            }
            CloseReason close = client.ws().awaitClose();
            assertEquals(1011, close.getCloseCode().getCode());
            assertEquals("Buffer overflow.", close.getReasonPhrase());
        }
    }

    /** {@code {"type":"create","data":{"image_base64":"…"}}} built without extra copies of the base64 text. */
    private static String createMessage(byte[] content) throws IOException {
        byte[] prefix = "{\"type\":\"create\",\"data\":{\"image_base64\":\"".getBytes(StandardCharsets.US_ASCII);
        byte[] suffix = "\"}}".getBytes(StandardCharsets.US_ASCII);
        int encoded = 4 * ((content.length + 2) / 3);
        ByteArrayOutputStream message = new ByteArrayOutputStream(prefix.length + encoded + suffix.length);
        message.write(prefix);
        try (OutputStream base64 = Base64.getEncoder().wrap(new NonClosing(message))) {
            base64.write(content);
        }
        message.write(suffix);
        return message.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * An 8-bit greyscale PNG whose image data is stored without compression (deflate level 0), so its size is the
     * pixel count: a real, valid image that is quick to make. IDAT chunks of 1 MiB, as encoders usually write.
     */
    static byte[] greyPng(int width, int height) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream((int) ((long) (width + 1) * height + (1 << 20)));
        DataOutputStream out = new DataOutputStream(png);
        out.write(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
        ByteArrayOutputStream header = new ByteArrayOutputStream();
        DataOutputStream ihdr = new DataOutputStream(header);
        ihdr.writeInt(width);
        ihdr.writeInt(height);
        ihdr.write(new byte[] {8, 0, 0, 0, 0});
        chunk(out, "IHDR", header.toByteArray(), header.size());
        Deflater stored = new Deflater(Deflater.NO_COMPRESSION);
        try (DeflaterOutputStream zlib = new DeflaterOutputStream(new IdatChunks(out), stored, 1 << 20)) {
            byte[] row = new byte[width + 1];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    row[x + 1] = (byte) (x + y);
                }
                zlib.write(row);
            }
        } finally {
            stored.end();
        }
        chunk(out, "IEND", new byte[0], 0);
        return png.toByteArray();
    }

    private static void chunk(DataOutputStream out, String type, byte[] data, int length) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data, 0, length);
        out.writeInt(length);
        out.write(typeBytes);
        out.write(data, 0, length);
        out.writeInt((int) crc.getValue());
    }

    /** Cuts the zlib stream into IDAT chunks; closing it writes the last one but leaves the PNG open. */
    private static final class IdatChunks extends OutputStream {
        private final DataOutputStream png;
        private final byte[] buffer = new byte[1 << 20];
        private int length;

        IdatChunks(DataOutputStream png) {
            this.png = png;
        }

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            while (len > 0) {
                int n = Math.min(len, buffer.length - length);
                System.arraycopy(b, off, buffer, length, n);
                length += n;
                off += n;
                len -= n;
                if (length == buffer.length) {
                    flushChunk();
                }
            }
        }

        @Override
        public void close() throws IOException {
            flushChunk();
        }

        private void flushChunk() throws IOException {
            if (length > 0) {
                chunk(png, "IDAT", buffer, length);
                length = 0;
            }
        }
    }

    /** Lets the base64 encoder close its stream (to write the padding) without closing the message. */
    private static final class NonClosing extends OutputStream {
        private final OutputStream out;

        NonClosing(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }
    }
}
