package io.wsingest.testing;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;
import org.bytedeco.leptonica.PIX;
import org.bytedeco.leptonica.global.leptonica;

/**
 * Images for tests, drawn in memory with java.awt and encoded with ImageIO (headless, no fonts needed). Each call
 * with a different {@code seed} gives different bytes, so tests do not collide on content-addressed storage.
 */
public final class TestImages {

    private TestImages() {
    }

    /** An RGB image of the given size with a pattern that depends on the seed. */
    public static BufferedImage rgb(int width, int height, long seed) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, (int) ((x * 31 + y * 17 + seed * 2654435761L) & 0xffffff));
            }
        }
        return image;
    }

    public static byte[] png(int width, int height, long seed) {
        return encode(rgb(width, height, seed), "png");
    }

    public static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no ImageIO writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A TIFF with one page per image, LZW-compressed. */
    public static byte[] multiPageTiff(BufferedImage... pages) {
        ImageWriter writer = ImageIO.getImageWritersByFormatName("tiff").next();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            ImageWriteParam param = writer.getDefaultWriteParam();
            param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
            param.setCompressionType("LZW");
            for (BufferedImage page : pages) {
                writer.writeToSequence(new IIOImage(page, null, null), param);
            }
            writer.endWriteSequence();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
        return out.toByteArray();
    }

    /**
     * A little-endian TIFF of {@code pages} directories, each claiming a page of {@code width × height} 8-bit grey
     * pixels, with no pixel data at all: a few bytes a page that decoded would take {@code width × height} bytes.
     */
    public static byte[] tiffClaiming(int pages, long width, long height) {
        int entries = 3;
        int directoryBytes = 2 + entries * 12 + 4;
        ByteBuffer tiff = ByteBuffer.allocate(8 + pages * directoryBytes).order(ByteOrder.LITTLE_ENDIAN);
        tiff.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        for (int page = 0; page < pages; page++) {
            int next = page + 1 < pages ? tiff.position() + directoryBytes : 0;
            tiff.putShort((short) entries);
            tiff.putShort((short) 256).putShort((short) 4).putInt(1).putInt((int) width);     // ImageWidth, LONG
            tiff.putShort((short) 257).putShort((short) 4).putInt(1).putInt((int) height);    // ImageLength, LONG
            tiff.putShort((short) 258).putShort((short) 3).putInt(1).putInt(8);               // BitsPerSample
            tiff.putInt(next);
        }
        return tiff.array();
    }

    /**
     * The image as a lossless WebP. ImageIO has no WebP writer, so Leptonica (the OCR engine's image library, which
     * links libwebp) encodes it.
     */
    public static byte[] webp(BufferedImage image) {
        byte[] png = encode(image, "png");
        Loader.load(leptonica.class);
        PIX pix = leptonica.pixReadMem(new BytePointer(png), png.length);
        try (PointerPointer<BytePointer> data = new PointerPointer<>(1); SizeTPointer size = new SizeTPointer(1)) {
            if (pix == null || leptonica.pixWriteMemWebP(data, size, pix, 100, 1) != 0) {
                throw new IllegalStateException("Leptonica could not encode a WebP");
            }
            BytePointer bytes = data.get(BytePointer.class);
            byte[] webp = new byte[(int) size.get()];
            bytes.get(webp);
            leptonica.lept_free(bytes);
            return webp;
        } finally {
            leptonica.pixDestroy(pix);
        }
    }

    /**
     * A GIF whose one frame claims {@code width × height} pixels and has no pixel data: a few bytes that decoded
     * would take {@code width × height} bytes.
     */
    public static byte[] gifClaiming(int width, int height) {
        ByteBuffer gif = ByteBuffer.allocate(6 + 7 + 10 + 1 + 1 + 1).order(ByteOrder.LITTLE_ENDIAN);
        gif.put("GIF89a".getBytes(StandardCharsets.US_ASCII));
        gif.putShort((short) width).putShort((short) height).put((byte) 0).put((byte) 0).put((byte) 0);
        gif.put((byte) 0x2C).putShort((short) 0).putShort((short) 0).putShort((short) width).putShort((short) height)
                .put((byte) 0);
        gif.put((byte) 8).put((byte) 0);    // LZW code size, no data
        gif.put((byte) 0x3B);
        return gif.array();
    }

    /** The PNG's first {@code keep} bytes: the signature and header survive, the image data is cut off. */
    public static byte[] truncated(byte[] image, int keep) {
        return Arrays.copyOf(image, keep);
    }
}
