package io.wsingest.bench;

import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.TRUNCATE_EXISTING;
import static java.nio.file.StandardOpenOption.WRITE;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The baseline of the upload figures: a raw loopback TCP socket whose bytes a plain thread writes to a file on the
 * same disk as the server's blob store, with the protocol's fsync policy, and answers one byte once the file is
 * fsynced (and deleted, as the server deletes a spool file whose content it already has). No framing, no masking,
 * no hashing, no database: the machine's own limit for the same bytes.
 */
final class RawSink implements AutoCloseable {

    /** When the data is made durable while it arrives; every policy fsyncs once more at the end. */
    enum Sync {
        /** Protocol A: once per heartbeat (5 s), on another thread, while data keeps arriving. */
        EVERY_5_S,
        /** Protocol B: only at the end. */
        AT_END,
        /** Protocol C: every 8 MiB (its checkpoint), on the receiving thread. */
        EVERY_8_MIB
    }

    private final ServerSocketChannel server;
    private final Path dir;
    private final Sync sync;
    private final int readBuffer;
    private final AtomicInteger files = new AtomicInteger();
    private final Thread acceptor;

    RawSink(Path dir, Sync sync, int messageBytes) throws IOException {
        this.dir = Files.createDirectories(dir);
        this.sync = sync;
        this.readBuffer = messageBytes;
        this.server = ServerSocketChannel.open().bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.acceptor = new Thread(this::accept, "raw-sink");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A client of the sink, sending {@code size} bytes in writes of {@code messageBytes}. */
    Uploads.Client client(int messageBytes) {
        return (index, size) -> {
            try (SocketChannel socket = SocketChannel.open(server.getLocalAddress())) {
                socket.write(ByteBuffer.allocate(8).putLong(0, size));
                byte[] message = new byte[messageBytes];
                for (long offset = 0; offset < size; ) {
                    int n = (int) Math.min(message.length, size - offset);
                    Payload.fill(message, 0, offset, n);
                    ByteBuffer data = ByteBuffer.wrap(message, 0, n);
                    while (data.hasRemaining()) {
                        socket.write(data);
                    }
                    offset += n;
                }
                if (socket.read(ByteBuffer.allocate(1)) != 1) {
                    throw new IOException("the raw sink did not confirm");
                }
            }
        };
    }

    private void accept() {
        while (server.isOpen()) {
            try {
                SocketChannel socket = server.accept();
                Thread receiver = new Thread(() -> receive(socket), "raw-sink-receiver");
                receiver.setDaemon(true);
                receiver.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void receive(SocketChannel socket) {
        Path file = dir.resolve("raw-" + files.incrementAndGet() + ".bin");
        try (socket; FileChannel out = FileChannel.open(file, CREATE, TRUNCATE_EXISTING, WRITE)) {
            ByteBuffer head = ByteBuffer.allocate(8);
            while (head.hasRemaining()) {
                if (socket.read(head) < 0) {
                    return;
                }
            }
            long size = head.getLong(0);
            ByteBuffer buffer = ByteBuffer.allocateDirect(readBuffer);
            long received = 0;
            long sinceSync = 0;
            Thread syncer = null;
            if (sync == Sync.EVERY_5_S) {
                syncer = new Thread(() -> {
                    while (out.isOpen()) {
                        ServerProbe.sleep(5000);
                        try {
                            out.force(false);
                        } catch (IOException e) {
                            return;
                        }
                    }
                }, "raw-sink-sync");
                syncer.setDaemon(true);
                syncer.start();
            }
            while (received < size) {
                buffer.clear();
                int n = socket.read(buffer);
                if (n < 0) {
                    return;
                }
                buffer.flip();
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                received += n;
                sinceSync += n;
                if (sync == Sync.EVERY_8_MIB && sinceSync >= 8L << 20) {
                    out.force(false);
                    sinceSync = 0;
                }
            }
            out.force(true);
            out.close();
            // The server's store already holds the content (every run sends the same bytes), so it deletes its spool
            // file before it confirms; so does the baseline.
            Files.deleteIfExists(file);
            socket.write(ByteBuffer.wrap(new byte[] {1}));
        } catch (IOException e) {
            // the client sees the missing confirmation
        } finally {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                // left for the next run to overwrite
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
