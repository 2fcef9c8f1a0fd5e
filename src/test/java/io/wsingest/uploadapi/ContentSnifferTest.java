package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import io.wsingest.ocr.ImageFormat;
import io.wsingest.testing.TestImages;

class ContentSnifferTest {

    private static Optional<String> sniff(byte[] content) {
        return ContentSniffer.sniff(Arrays.copyOf(content, Math.min(content.length, MessageReader.HEAD_BYTES)))
                .map(ImageFormat::contentType);
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    @Test
    void recognisesImagesWrittenByImageIo() {
        var image = TestImages.rgb(8, 8, 1);
        assertEquals(Optional.of("image/png"), sniff(TestImages.encode(image, "png")));
        assertEquals(Optional.of("image/jpeg"), sniff(TestImages.encode(image, "jpeg")));
        assertEquals(Optional.of("image/gif"), sniff(TestImages.encode(image, "gif")));
        assertEquals(Optional.of("image/bmp"), sniff(TestImages.encode(image, "bmp")));
        assertEquals(Optional.of("image/tiff"), sniff(TestImages.encode(image, "tiff")));
    }

    @Test
    void recognisesTiffInBothByteOrders() {
        assertEquals(Optional.of("image/tiff"), sniff(bytes('I', 'I', 42, 0, 8, 0, 0, 0)));
        assertEquals(Optional.of("image/tiff"), sniff(bytes('M', 'M', 0, 42, 0, 0, 0, 8)));
    }

    @Test
    void recognisesWebpAndPdf() {
        assertEquals(Optional.of("image/webp"), sniff("RIFF\u0000\u0001\u0000\u0000WEBPVP8 ".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(Optional.of("application/pdf"), sniff("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void refusesLookAlikes() {
        assertEquals(Optional.empty(), sniff("BMW is a car maker, not a bitmap".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), sniff("RIFF....WAVEfmt ".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), sniff("GIF90a".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), sniff("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.US_ASCII)));
        assertEquals(Optional.empty(), sniff(bytes(0x89, 'P', 'N', 'G')));
        assertEquals(Optional.empty(), sniff(new byte[0]));
    }
}
