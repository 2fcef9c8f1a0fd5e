package io.wsingest.streamreq;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** Checks complete stream data against its {@link DataFormat}, reading it once in constant memory. */
public final class FormatChecks {

    private static final int CHUNK_BYTES = 64 * 1024;

    private FormatChecks() {
    }

    /**
     * Reads {@code data} (the caller closes it) and says whether it is what {@code format} announced.
     *
     * @param maxJsonValueChars the longest single JSON string or number checked (see {@link JsonSyntaxCheck})
     * @throws IOException if reading fails
     */
    public static FormatCheck check(DataFormat format, InputStream data, int maxJsonValueChars) throws IOException {
        return switch (format) {
            case BYTES -> FormatCheck.PASSED;
            case TEXT -> utf8(data);
            case JSON -> JsonSyntaxCheck.check(data, maxJsonValueChars);
        };
    }

    private static FormatCheck utf8(InputStream data) throws IOException {
        Utf8Check check = new Utf8Check();
        byte[] chunk = new byte[CHUNK_BYTES];
        for (int n; (n = data.read(chunk)) != -1; ) {
            if (!check.feed(ByteBuffer.wrap(chunk, 0, n))) {
                break;
            }
        }
        return check.finish();
    }
}
