package io.wsingest.streamreq;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Checks that bytes fed in chunks of any size are valid UTF-8, in constant memory: the JDK's decoder with every
 * error reported (overlong forms, encoded surrogates, code points above U+10FFFF, stray or missing continuation
 * bytes), carrying an unfinished sequence from the end of one chunk to the next. Not thread-safe.
 */
public final class Utf8Check {

    private static final int MAX_SEQUENCE = 4;

    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final CharBuffer sink = CharBuffer.allocate(4096);
    // The start of a sequence that a chunk ended in the middle of, completed from the next chunk.
    private final ByteBuffer carry = ByteBuffer.allocate(MAX_SEQUENCE);
    private long fed;
    private FormatCheck failure;

    /** Checks the chunk's remaining bytes, consuming them; false once the data has proved invalid. */
    public boolean feed(ByteBuffer chunk) {
        if (failure != null) {
            chunk.position(chunk.limit());
            return false;
        }
        long chunkStart = fed;
        // Stream offset of a position in this chunk: base + position.
        long base = chunkStart - chunk.position();
        fed += chunk.remaining();
        if (carry.position() > 0 && !completeCarry(chunk, chunkStart)) {
            return false;
        }
        if (!decode(chunk, base)) {
            return false;
        }
        carry.put(chunk);
        return true;
    }

    /** Ends the data: the result, failing if the data ends inside a sequence. */
    public FormatCheck finish() {
        if (failure == null && carry.position() > 0) {
            failure = invalidAt(fed - carry.position());
        }
        if (failure == null) {
            decoder.decode(ByteBuffer.allocate(0), sink, true);
            decoder.flush(sink.clear());
        }
        return failure == null ? FormatCheck.PASSED : failure;
    }

    /** Adds bytes from the chunk to the carried sequence one at a time until the decoder takes or refuses it. */
    private boolean completeCarry(ByteBuffer chunk, long chunkStart) {
        long sequenceStart = chunkStart - carry.position();
        while (chunk.hasRemaining()) {
            carry.put(chunk.get());
            carry.flip();
            CoderResult result = decoder.decode(carry, sink.clear(), false);
            if (result.isError()) {
                failure = invalidAt(sequenceStart);
                return false;
            }
            boolean done = !carry.hasRemaining();
            carry.compact();
            if (done) {
                return true;
            }
            if (!carry.hasRemaining()) {
                // Four bytes and still no character: cannot happen with a conforming decoder, but never overflow.
                failure = invalidAt(sequenceStart);
                return false;
            }
        }
        // The chunk ended too: the sequence is still open and stays carried.
        return true;
    }

    /** Decodes the buffer, discarding the characters; {@code base} maps buffer positions to stream offsets. */
    private boolean decode(ByteBuffer in, long base) {
        while (true) {
            CoderResult result = decoder.decode(in, sink.clear(), false);
            if (result.isError()) {
                failure = invalidAt(base + in.position());
                in.position(in.limit());
                return false;
            }
            if (result.isUnderflow()) {
                return true;
            }
        }
    }

    private static FormatCheck invalidAt(long offset) {
        return FormatCheck.failed("data-format text: not valid UTF-8 at byte " + offset);
    }
}
