package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.wsingest.testing.TestImages;

/** The placeholder engine on real images written by ImageIO, read back through a file channel. */
class ImageMetadataEngineTest {

    @TempDir
    Path dir;

    private final ImageMetadataEngine engine = new ImageMetadataEngine();

    private List<String> recognise(byte[] image, String contentType) throws Exception {
        Path file = Files.write(dir.resolve("image"), image);
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            engine.recognise(channel, contentType, new OcrListener() {
                @Override
                public void onLine(String text) {
                    lines.add(text);
                }

                @Override
                public boolean isCancelled() {
                    return false;
                }
            });
        }
        return lines;
    }

    @Test
    void readsTheJdkImageFormats() {
        assertEquals(Set.of("image/png", "image/jpeg", "image/tiff", "image/gif", "image/bmp"), engine.contentTypes());
    }

    @Test
    void describesAPng() throws Exception {
        assertEquals(List.of("PNG image, 40 × 30 pixels, 3 channels (RGB), 8 bits per channel"),
                recognise(TestImages.png(40, 30, 1), "image/png"));
    }

    @Test
    void describesAGreyJpegAndAnIndexedGif() throws Exception {
        BufferedImage grey = new BufferedImage(16, 8, BufferedImage.TYPE_BYTE_GRAY);
        assertEquals(List.of("JPEG image, 16 × 8 pixels, 1 channel (grey), 8 bits per channel"),
                recognise(TestImages.encode(grey, "jpeg"), "image/jpeg"));
        List<String> gif = recognise(TestImages.encode(TestImages.rgb(10, 10, 2), "gif"), "image/gif");
        assertEquals(1, gif.size());
        assertTrue(gif.get(0).startsWith("GIF image, 10 × 10 pixels, 1 channel (indexed, "), gif.get(0));
    }

    @Test
    void describesABmpWithAlphaFreeRgb() throws Exception {
        assertEquals(List.of("BMP image, 7 × 5 pixels, 3 channels (RGB), 8 bits per channel"),
                recognise(TestImages.encode(TestImages.rgb(7, 5, 3), "bmp"), "image/bmp"));
    }

    @Test
    void reportsOneLinePerTiffPage() throws Exception {
        byte[] tiff = TestImages.multiPageTiff(TestImages.rgb(20, 10, 1), TestImages.rgb(30, 15, 2),
                new BufferedImage(8, 8, BufferedImage.TYPE_BYTE_BINARY));
        assertEquals(List.of(
                "TIFF page 1 of 3, 20 × 10 pixels, 3 channels (RGB), 8 bits per channel",
                "TIFF page 2 of 3, 30 × 15 pixels, 3 channels (RGB), 8 bits per channel",
                "TIFF page 3 of 3, 8 × 8 pixels, 1 channel (indexed, 2 colours), 1 bit per pixel"),
                recognise(tiff, "image/tiff"));
    }

    @Test
    void truncatedImageIsAFailureWithTheReadersReason() {
        byte[] cut = TestImages.truncated(TestImages.png(64, 64, 4), 60);
        OcrFailure failure = assertThrows(OcrFailure.class, () -> recognise(cut, "image/png"));
        assertTrue(failure.getMessage().startsWith("Cannot read the PNG image: "), failure.getMessage());
    }

    @Test
    void garbageAfterAValidSignatureIsAFailure() {
        byte[] garbage = new byte[200];
        System.arraycopy(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, 0, garbage, 0, 8);
        OcrFailure failure = assertThrows(OcrFailure.class, () -> recognise(garbage, "image/png"));
        assertTrue(failure.getMessage().startsWith("Cannot read the PNG image: "), failure.getMessage());
    }

    @Test
    void refusesTypesItDoesNotRead() {
        OcrFailure failure = assertThrows(OcrFailure.class, () -> recognise(new byte[10], "image/webp"));
        assertEquals("The image-metadata engine cannot read image/webp images", failure.getMessage());
    }

    @Test
    void stopsBetweenPagesWhenCancelled() throws IOException, OcrFailure {
        byte[] tiff = TestImages.multiPageTiff(TestImages.rgb(4, 4, 1), TestImages.rgb(4, 4, 2));
        Path file = Files.write(dir.resolve("pages"), tiff);
        List<String> lines = new ArrayList<>();
        try (FileChannel channel = FileChannel.open(file)) {
            engine.recognise(channel, "image/tiff", new OcrListener() {
                @Override
                public void onLine(String text) {
                    lines.add(text);
                }

                @Override
                public boolean isCancelled() {
                    return !lines.isEmpty();
                }
            });
        }
        assertEquals(1, lines.size());
    }

    @Test
    void subsamplesLargePagesToBoundMemory() {
        assertEquals(1, ImageMetadataEngine.subsampling(2000, 2000));
        assertEquals(2, ImageMetadataEngine.subsampling(2001, 2000));
        assertEquals(9, ImageMetadataEngine.subsampling(17_700, 17_700));
    }
}
