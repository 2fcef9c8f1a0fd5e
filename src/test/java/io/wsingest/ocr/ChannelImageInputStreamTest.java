package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelImageInputStreamTest {

    @TempDir
    Path dir;

    @Test
    void readsAndSeeksLikeTheBytesThemselves() throws Exception {
        byte[] data = new byte[300_000];
        Random random = new Random(42);
        random.nextBytes(data);
        Path file = Files.write(dir.resolve("blob"), data);
        try (FileChannel channel = FileChannel.open(file);
             ChannelImageInputStream in = new ChannelImageInputStream(channel)) {
            assertEquals(data.length, in.length());
            for (int i = 0; i < 2000; i++) {
                long position = random.nextInt(data.length);
                in.seek(position);
                if (random.nextBoolean()) {
                    assertEquals(data[(int) position] & 0xff, in.read(), "byte at " + position);
                } else {
                    byte[] read = new byte[random.nextInt(100_000) + 1];
                    int n = in.read(read, 0, read.length);
                    int expected = (int) Math.min(read.length, data.length - position);
                    assertEquals(Math.min(expected, n), n);
                    assertArrayEquals(Arrays.copyOfRange(data, (int) position, (int) position + n),
                            Arrays.copyOf(read, n), "bytes at " + position);
                }
            }
            in.seek(data.length);
            assertEquals(-1, in.read());
            assertEquals(-1, in.read(new byte[4], 0, 4));
            in.seek(data.length - 4);
            assertEquals(((data[data.length - 4] & 0xff) << 24) | ((data[data.length - 3] & 0xff) << 16)
                    | ((data[data.length - 2] & 0xff) << 8) | (data[data.length - 1] & 0xff), in.readInt());
        }
    }
}
