package io.wsingest.streamreq;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import jakarta.json.stream.JsonParsingException;

/**
 * Checks that a stream of bytes is one JSON value (RFC 8259) in UTF-8, reading it once with the JSON-P streaming
 * parser: no document is built. The parser does hold each single token (one string or number) in memory whole, so
 * a token may have at most {@code maxValueChars} characters; a longer one fails the check rather than the heap.
 * Nesting deeper than the parser's limit (1000 levels by default) fails too. No byte order mark.
 */
public final class JsonSyntaxCheck {

    private static final JsonParserFactory PARSERS = Json.createParserFactory(Map.of());

    private JsonSyntaxCheck() {
    }

    /**
     * Reads {@code in} to its end, or to the first error (the caller closes it).
     *
     * @throws IOException if reading fails (not a property of the data)
     */
    public static FormatCheck check(InputStream in, int maxValueChars) throws IOException {
        TokenLimit limited = new TokenLimit(new InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)), maxValueChars);
        try (JsonParser parser = PARSERS.createParser(limited)) {
            do {
                parser.next();
                limited.tokenEnded(parser.getLocation().getStreamOffset());
            } while (parser.hasNext());
            return FormatCheck.PASSED;
        } catch (JsonParsingException e) {
            return failed(e.getMessage());
        } catch (JsonException e) {
            if (e.getCause() instanceof CharacterCodingException) {
                return failed("not valid UTF-8");
            }
            if (e.getCause() instanceof TokenTooLongException) {
                return failed("a string or number is longer than " + maxValueChars + " characters, the most the"
                        + " server checks");
            }
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            return failed(e.getMessage());
        } catch (RuntimeException e) {
            // The parser's own limits, such as nesting depth, are plain runtime exceptions.
            return failed(e.getMessage() != null ? e.getMessage() : "the parser refused the document");
        }
    }

    private static FormatCheck failed(String reason) {
        return FormatCheck.failed("data-format json: " + reason);
    }

    private static final class TokenTooLongException extends IOException {

        private static final long serialVersionUID = 1L;
    }

    /**
     * Lets the parser read at most {@code maxChars} past the end of the last token it reported: a token longer than
     * that would otherwise make the parser's buffer grow without end.
     */
    private static final class TokenLimit extends Reader {

        private final Reader in;
        private final long maxChars;
        private long read;
        private long lastTokenEnd;

        TokenLimit(Reader in, long maxChars) {
            this.in = in;
            this.maxChars = maxChars;
        }

        void tokenEnded(long offset) {
            lastTokenEnd = Math.max(lastTokenEnd, offset);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (read - lastTokenEnd > maxChars) {
                throw new TokenTooLongException();
            }
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                read += n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
