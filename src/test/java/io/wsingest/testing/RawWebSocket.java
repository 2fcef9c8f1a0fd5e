package io.wsingest.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;

import jakarta.websocket.CloseReason;

/**
 * A minimal WebSocket client on a plain socket, for what the client library does not do: drop the connection without
 * a close frame ({@link #abort()}), or wait for the server's close frame before closing the socket
 * ({@link #closeNormally}). Unfragmented messages only. Reads wait at most {@link WsClient#WAIT}.
 */
public final class RawWebSocket implements AutoCloseable {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int TEXT = 0x1;
    private static final int BINARY = 0x2;
    private static final int CLOSE = 0x8;

    private final Socket socket;
    private final DataInputStream in;
    private final OutputStream out;

    private RawWebSocket(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new DataInputStream(new BufferedInputStream(socket.getInputStream()));
        this.out = socket.getOutputStream();
    }

    /** Connects and completes the handshake; the URI's query (with its token) is sent as it is. */
    public static RawWebSocket connect(URI uri) throws IOException {
        return connect(uri, 0);
    }

    /**
     * Connects with a TCP receive buffer of {@code receiveBufferBytes} (0: the system's): a client that then reads
     * nothing fills the server's side after only that much, as a slow or hostile client on a real network would.
     */
    public static RawWebSocket connect(URI uri, int receiveBufferBytes) throws IOException {
        Socket socket = new Socket();
        if (receiveBufferBytes > 0) {
            // Before connecting, so that the window the client advertises is small from the start.
            socket.setReceiveBufferSize(receiveBufferBytes);
        }
        return open(socket, uri);
    }

    /**
     * Connects from another local address, e.g. {@code 127.0.0.2}: on loopback, a test can be many clients whose
     * addresses the server tells apart.
     */
    public static RawWebSocket connectFrom(InetAddress local, URI uri) throws IOException {
        Socket socket = new Socket();
        socket.bind(new InetSocketAddress(local, 0));
        return open(socket, uri);
    }

    private static RawWebSocket open(Socket socket, URI uri) throws IOException {
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), (int) WsClient.WAIT.toMillis());
        socket.setSoTimeout((int) WsClient.WAIT.toMillis());
        RawWebSocket ws = new RawWebSocket(socket);
        ws.handshake(uri);
        return ws;
    }

    public void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        sendFrame(TEXT, payload, 0, payload.length);
    }

    public void sendBinary(byte[] data, int offset, int length) throws IOException {
        sendFrame(BINARY, data, offset, length);
    }

    /** The next message, which must be text. */
    public String awaitText() throws IOException {
        Frame frame = readFrame();
        if (frame.opcode() == CLOSE) {
            throw new EOFException("closed by the server: " + new String(frame.payload(), StandardCharsets.UTF_8));
        }
        if (frame.opcode() != TEXT) {
            throw new IOException("expected a text message, got opcode " + frame.opcode());
        }
        return new String(frame.payload(), StandardCharsets.UTF_8);
    }

    /** Skips whatever the server sent until its close frame; returns the frame's code and reason. */
    public CloseReason awaitClose() throws IOException {
        Frame frame;
        do {
            frame = readFrame();
        } while (frame.opcode() != CLOSE);
        byte[] payload = frame.payload();
        if (payload.length < 2) {
            return new CloseReason(CloseReason.CloseCodes.NO_STATUS_CODE, "");
        }
        return new CloseReason(CloseReason.CloseCodes.getCloseCode((payload[0] & 0xff) << 8 | (payload[1] & 0xff)),
                new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8));
    }

    /**
     * The closing handshake as RFC 6455 has a client do it: a close frame with {@code code}, then whatever the server
     * still sends until its close frame, and only then the socket is closed. (Tyrus's client resets the connection
     * right after its own close frame, so a server writing at that moment may see the reset before the close.)
     *
     * @return the close code of the server's answer
     */
    public int closeNormally(int code) throws IOException {
        sendFrame(CLOSE, new byte[] {(byte) (code >>> 8), (byte) code}, 0, 2);
        Frame frame;
        do {
            frame = readFrame();
        } while (frame.opcode() != CLOSE);
        socket.close();
        byte[] payload = frame.payload();
        return payload.length < 2 ? 1005 : (payload[0] & 0xff) << 8 | (payload[1] & 0xff);
    }

    private record Frame(int opcode, byte[] payload) {
    }

    private Frame readFrame() throws IOException {
        int first = in.readUnsignedByte();
        int second = in.readUnsignedByte();
        long length = second & 0x7f;
        if (length == 126) {
            length = in.readUnsignedShort();
        } else if (length == 127) {
            length = in.readLong();
        }
        byte[] payload = new byte[Math.toIntExact(length)];
        in.readFully(payload);
        return new Frame(first & 0x0f, payload);
    }

    /** Drops the connection at once: no close frame, and a TCP reset instead of an orderly shutdown. */
    public void abort() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void handshake(URI uri) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        String target = uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        String request = "GET " + target + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(nonce) + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String status = readLine();
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("handshake refused: " + status);
        }
        while (!readLine().isEmpty()) {
            // The response headers are not needed.
        }
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b; (b = in.read()) != '\n'; ) {
            if (b == -1) {
                throw new EOFException("connection closed during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** One final, masked frame, as a client must send. */
    private void sendFrame(int opcode, byte[] data, int offset, int length) throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream(length + 14);
        frame.write(0x80 | opcode);
        if (length < 126) {
            frame.write(0x80 | length);
        } else if (length <= 0xffff) {
            frame.write(0x80 | 126);
            frame.write(length >>> 8);
            frame.write(length);
        } else {
            frame.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                frame.write((int) ((long) length >>> shift));
            }
        }
        byte[] mask = new byte[4];
        RANDOM.nextBytes(mask);
        frame.writeBytes(mask);
        for (int i = 0; i < length; i++) {
            frame.write(data[offset + i] ^ mask[i & 3]);
        }
        frame.writeTo(out);
        out.flush();
    }
}
