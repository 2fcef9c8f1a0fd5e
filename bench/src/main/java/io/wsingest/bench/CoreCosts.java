package io.wsingest.bench;

import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;

/**
 * Context for the upload figures, on one core of the harness's JVM: how fast the two per-byte costs every uploaded
 * byte pays in the server run. SHA-256 (the blob store's content address) and the WebSocket layer's unmasking of
 * client frames, measured with the server's own class (Undertow's {@code Masker}, byte by byte) and, for
 * comparison, the same XOR done eight bytes at a time.
 */
final class CoreCosts {

    record Result(double sha256MBps, double undertowUnmaskMBps, double wordUnmaskMBps) {
    }

    private static final int MESSAGE = 32 * 1024;

    private CoreCosts() {
    }

    static Result measure(long bytes) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocateDirect(MESSAGE);
        byte[] data = new byte[MESSAGE];
        Payload.fill(data, 0, 0, MESSAGE);
        buffer.put(data).flip();
        // Twice each: the first round lets the JIT compile the loops.
        double sha = 0;
        double undertow = 0;
        double word = 0;
        for (int round = 0; round < 2; round++) {
            sha = sha256(buffer, bytes);
            undertow = undertowUnmask(buffer, bytes);
            word = wordUnmask(buffer, bytes);
        }
        return new Result(sha, undertow, word);
    }

    private static double sha256(ByteBuffer buffer, long bytes) throws Exception {
        MessageDigest digest = MessageDigest.getInstance("SHA-256");
        long start = System.nanoTime();
        for (long done = 0; done < bytes; done += MESSAGE) {
            digest.update(buffer.duplicate());
        }
        digest.digest();
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static double undertowUnmask(ByteBuffer buffer, long bytes) throws Exception {
        Class<?> type = Class.forName("io.undertow.websockets.core.protocol.version07.Masker");
        Constructor<?> constructor = type.getDeclaredConstructor(int.class);
        constructor.setAccessible(true);
        Object masker = constructor.newInstance(0x5a3c96e1);
        Method afterRead = type.getMethod("afterRead", ByteBuffer.class, int.class, int.class);
        long start = System.nanoTime();
        for (long done = 0; done < bytes; done += MESSAGE) {
            afterRead.invoke(masker, buffer, 0, MESSAGE);
        }
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }

    private static double wordUnmask(ByteBuffer buffer, long bytes) {
        int key = 0x5a3c96e1;
        long key8 = ((long) key << 32) | (key & 0xffffffffL);
        ByteBuffer view = buffer.duplicate().order(ByteOrder.BIG_ENDIAN);
        long start = System.nanoTime();
        for (long done = 0; done < bytes; done += MESSAGE) {
            int i = 0;
            for (; i + 8 <= MESSAGE; i += 8) {
                view.putLong(i, view.getLong(i) ^ key8);
            }
            for (; i < MESSAGE; i++) {
                view.put(i, (byte) (view.get(i) ^ (key >>> (24 - 8 * (i & 3)))));
            }
        }
        return bytes / ((System.nanoTime() - start) / 1e9) / 1e6;
    }
}
