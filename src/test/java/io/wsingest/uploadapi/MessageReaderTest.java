package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileSystemBlobStore;
import io.wsingest.storage.Sha256;
import io.wsingest.storage.StorageSettings;

/** Messages read piece by piece, the image decoded into real spool files of a blob store in a temporary directory. */
class MessageReaderTest {

    private static final String IMAGE_PLACEHOLDER = "{\"type\":\"create\",\"data\":{\"image_base64\":\"\"},\"request_id\":7}";

    @TempDir
    Path dir;

    private BlobStore store;
    private final AtomicInteger spools = new AtomicInteger();
    private final Random random = new Random(3);

    @BeforeEach
    void store() throws Exception {
        store = new FileSystemBlobStore(new StorageSettings(dir, 0, Duration.ZERO, Duration.ofDays(1),
                Long.MAX_VALUE, Duration.ofMinutes(5)));
    }

    private MessageReader reader(long maxJsonChars, long maxImageBytes) {
        return new MessageReader(maxJsonChars, maxImageBytes, () -> store.createSpool("t-" + spools.incrementAndGet()));
    }

    private MessageReader reader() {
        return reader(10_000, 1 << 20);
    }

    private static String create(String base64Value) {
        return "{\"type\":\"create\",\"data\":{\"image_base64\":\"" + base64Value + "\"},\"request_id\":7}";
    }

    private byte[] randomBytes(int length) {
        byte[] data = new byte[length];
        random.nextBytes(data);
        return data;
    }

    private static void assertDecoded(byte[] expected, StreamedImage image) throws Exception {
        StreamedImage.Decoded decoded = assertInstanceOf(StreamedImage.Decoded.class, image,
                () -> "not decoded: " + image);
        assertEquals(expected.length, decoded.size());
        assertEquals(expected.length, decoded.spool().length());
        var digest = Sha256.newDigest();
        digest.update(expected);
        assertEquals(Sha256.hex(digest), decoded.spool().sha256());
        assertArrayEquals(Arrays.copyOf(expected, Math.min(expected.length, MessageReader.HEAD_BYTES)), decoded.head());
        decoded.discard();
    }

    private String failureOf(StreamedImage image) {
        return assertInstanceOf(StreamedImage.Failed.class, image, () -> "not failed: " + image).message();
    }

    @Test
    void decodesTheImageWhicheverWayTheMessageIsCut() throws Exception {
        byte[] data = randomBytes(100);
        String message = create(Base64.getEncoder().encodeToString(data));
        MessageReader reader = reader();
        for (int cut = 0; cut <= message.length(); cut++) {
            reader.accept(message.substring(0, cut));
            reader.accept(message.substring(cut));
            MessageReader.Incoming incoming = reader.finish();
            assertNull(incoming.failure());
            assertEquals(IMAGE_PLACEHOLDER, incoming.json(), "cut at " + cut);
            assertDecoded(data, incoming.image());
        }
        assertEquals(List.of(), store.spoolNames());
    }

    @Test
    void decodesALargeImageFedInSmallPieces() throws Exception {
        byte[] data = randomBytes(3_000_000);
        String message = create(Base64.getEncoder().encodeToString(data));
        MessageReader reader = reader(10_000, 4_000_000);
        for (int i = 0; i < message.length(); ) {
            int end = Math.min(message.length(), i + 1 + random.nextInt(20_000));
            reader.accept(message.substring(i, end));
            i = end;
        }
        MessageReader.Incoming incoming = reader.finish();
        assertEquals(IMAGE_PLACEHOLDER, incoming.json());
        assertDecoded(data, incoming.image());
    }

    /**
     * The decoder's memory stays flat whatever the image's size: 256 MiB of image go through it while the heap in use
     * (measured after a collection) grows by less than 16 MiB. An image buffered whole could not pass.
     */
    @Test
    void decodesAnImageFarLargerThanItsBuffersInFlatMemory() throws Exception {
        byte[] block = randomBytes(3 << 14);
        long imageBytes = (256L << 20) / block.length * block.length;
        String base64 = Base64.getEncoder().encodeToString(block);
        MessageReader reader = reader(10_000, imageBytes);
        reader.accept("{\"type\":\"create\",\"data\":{\"image_base64\":\"");
        long baseline = heapInUse();
        long growth = 0;
        for (long blocks = 0; blocks * block.length < imageBytes; blocks++) {
            reader.accept(base64);
            if (blocks % 1024 == 512) {
                growth = Math.max(growth, heapInUse() - baseline);
            }
        }
        reader.accept("\"}}");
        StreamedImage.Decoded decoded = assertInstanceOf(StreamedImage.Decoded.class, reader.finish().image());
        assertEquals(imageBytes, decoded.size());
        decoded.discard();
        assertTrue(growth < 16 << 20, "the heap in use grew by " + growth + " bytes while decoding");
    }

    private static long heapInUse() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    @Test
    void acceptsMimeLineBreaksAndJsonEscapesInTheValue() throws Exception {
        byte[] data = randomBytes(3000);
        String mime = Base64.getMimeEncoder().encodeToString(data)
                .replace("\r\n", "\\r\\n")
                .replace("/", "\\/")
                .replace("+", "\\u002B");
        MessageReader reader = reader();
        reader.accept(create(mime));
        assertDecoded(data, reader.finish().image());
    }

    @Test
    void skipsADataUrlPrefix() throws Exception {
        byte[] data = randomBytes(50);
        MessageReader reader = reader();
        reader.accept(create("data:image/png;base64," + Base64.getEncoder().encodeToString(data)));
        assertDecoded(data, reader.finish().image());
        reader.accept(create("DATA:;BASE64," + Base64.getEncoder().encodeToString(data)));
        assertDecoded(data, reader.finish().image());
    }

    @Test
    void refusesADataUrlThatIsNotBase64() {
        MessageReader reader = reader();
        reader.accept(create("data:text/plain,hello"));
        assertEquals("Only base64 data URLs are accepted (data:<type>;base64,<data>).", failureOf(reader.finish().image()));
        reader.accept(create("data:image/png;base64"));
        assertEquals("Invalid data URL: no ',' before the data", failureOf(reader.finish().image()));
    }

    @Test
    void shortValuesThatOnlyLookLikeTheStartOfADataUrlAreBase64() throws Exception {
        MessageReader reader = reader();
        reader.accept(create("dat="));
        assertDecoded(Base64.getDecoder().decode("dat="), reader.finish().image());
    }

    @Test
    void invalidBase64IsReportedAndNothingIsLeftInTheSpool() throws Exception {
        MessageReader reader = reader();
        String valid = Base64.getEncoder().encodeToString(randomBytes(200_000));
        reader.accept(create(valid + "-AAA"));
        MessageReader.Incoming incoming = reader.finish();
        assertEquals(IMAGE_PLACEHOLDER, incoming.json(), "the rest of the message is still read");
        assertEquals("Invalid base64 encoding: illegal character '-' (U+002D) at position " + valid.length(),
                failureOf(incoming.image()));
        assertEquals(List.of(), store.spoolNames());
    }

    @Test
    void imageOverTheLimitIsRefusedAndTheRestOfTheMessageStillRead() throws Exception {
        MessageReader reader = reader(10_000, 1000);
        reader.accept(create(Base64.getEncoder().encodeToString(randomBytes(1001))));
        MessageReader.Incoming incoming = reader.finish();
        assertEquals(IMAGE_PLACEHOLDER, incoming.json());
        assertEquals("The image is larger than the limit of 1000 bytes.", failureOf(incoming.image()));
        assertEquals(List.of(), store.spoolNames());

        reader.accept(create(Base64.getEncoder().encodeToString(randomBytes(1000))));
        assertInstanceOf(StreamedImage.Decoded.class, reader.finish().image());
    }

    @Test
    void emptyValueIsBlank() {
        MessageReader reader = reader();
        reader.accept(create(""));
        assertEquals("This field may not be blank.", failureOf(reader.finish().image()));
        reader.accept(create(" \\n "));
        assertEquals("This field may not be blank.", failureOf(reader.finish().image()));
    }

    @Test
    void onlyTheValueOfDataImageBase64IsStreamed() {
        MessageReader reader = reader();
        for (String message : List.of(
                "{\"image_base64\":\"QUJD\"}",
                "{\"data\":{\"x\":{\"image_base64\":\"QUJD\"}}}",
                "{\"data\":[\"image_base64\",\"QUJD\"]}",
                "{\"other\":{\"image_base64\":\"QUJD\"}}",
                "{\"data\":{\"image_base64\":123}}",
                "{\"data\":{\"image_base64\":null}}",
                "[{\"data\":{\"image_base64\":\"QUJD\"}}]",
                "{\"data\":{\"image_path\":\"image_base64\",\"x\":\"QUJD\"}}")) {
            reader.accept(message);
            MessageReader.Incoming incoming = reader.finish();
            assertEquals(message, incoming.json());
            assertNull(incoming.image(), message);
        }
    }

    @Test
    void keysAreComparedAfterTheirEscapes() throws Exception {
        MessageReader reader = reader();
        reader.accept("{\"d\\u0061ta\":{\"image\\u005fbase64\":\"QUJD\"}}");
        MessageReader.Incoming incoming = reader.finish();
        assertEquals("{\"d\\u0061ta\":{\"image\\u005fbase64\":\"\"}}", incoming.json());
        assertDecoded("ABC".getBytes(), incoming.image());
    }

    @Test
    void aSecondImageValueIsAnError() {
        MessageReader reader = reader();
        reader.accept("{\"data\":{\"image_base64\":\"QUJD\",\"image_base64\":\"QUJD\"}}");
        assertEquals("Appears more than once in the message.", failureOf(reader.finish().image()));
        assertTrue(spoolsAreGone());
    }

    @Test
    void messageTooLargeBesidesTheImageFailsAsAWhole() {
        MessageReader reader = reader(100, 1 << 20);
        reader.accept(create("QUJD"));
        reader.accept("x".repeat(200));
        MessageReader.Incoming incoming = reader.finish();
        assertEquals("Message too large: more than 100 characters besides the image_base64 value", incoming.failure());
        assertNull(incoming.image());
        assertTrue(spoolsAreGone());
    }

    @Test
    void controlCharactersAndBadEscapesInTheImageAreMalformedJson() {
        MessageReader reader = reader();
        reader.accept(create("QUJD\nQUJD"));
        assertEquals("Malformed JSON: unescaped control character in a string", reader.finish().failure());
        reader.accept(create("QUJD\\x"));
        assertEquals("Malformed JSON: invalid escape '\\x' in a string", reader.finish().failure());
        reader.accept(create("QU\\u00G1"));
        assertEquals("Malformed JSON: invalid \\u escape in a string", reader.finish().failure());
        assertTrue(spoolsAreGone());
    }

    @Test
    void aMessageEndingInsideTheImageIsMalformed() {
        MessageReader reader = reader();
        reader.accept("{\"data\":{\"image_base64\":\"QUJDQUJD");
        MessageReader.Incoming incoming = reader.finish();
        assertEquals("Malformed JSON: the message ends inside a string", incoming.failure());
        assertNull(incoming.image());
        assertTrue(spoolsAreGone());
    }

    @Test
    void deepNestingIsRefused() {
        MessageReader reader = reader();
        reader.accept("[".repeat(100));
        assertEquals("Malformed JSON: nested deeper than 64 levels", reader.finish().failure());
    }

    @Test
    void abortDropsTheSpoolOfAnUnfinishedMessage() {
        MessageReader reader = reader();
        reader.accept("{\"data\":{\"image_base64\":\"" + Base64.getEncoder().encodeToString(randomBytes(300_000)));
        reader.abort();
        assertTrue(spoolsAreGone());
    }

    private boolean spoolsAreGone() {
        try {
            return store.spoolNames().isEmpty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
