package io.wsingest.galileo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Upload storage in memory, for the state machine's tests; each operation can be told to fail once. */
final class MemoryStorage implements UploadStorage {

    /** The kept files by display name. */
    final Map<String, byte[]> kept = new LinkedHashMap<>();
    /** Every partial file handed out, in order. */
    final List<MemoryFile> begun = new ArrayList<>();

    IOException failBegin;
    IOException failAppend;
    IOException failKeep;

    @Override
    public PartialFile begin(long size) throws IOException {
        throwIfSet(failBegin);
        MemoryFile file = new MemoryFile();
        begun.add(file);
        return file;
    }

    /** The one partial file of a test's upload. */
    MemoryFile only() {
        if (begun.size() != 1) {
            throw new AssertionError("expected one partial file, got " + begun.size());
        }
        return begun.get(0);
    }

    private static void throwIfSet(IOException failure) throws IOException {
        if (failure != null) {
            throw failure;
        }
    }

    final class MemoryFile implements PartialFile {

        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean discarded;
        boolean keptOrConsumed;

        @Override
        public void append(ByteBuffer data) throws IOException {
            throwIfSet(failAppend);
            if (discarded || keptOrConsumed) {
                throw new IOException("appended after discard or keep");
            }
            byte[] copy = new byte[data.remaining()];
            data.get(copy);
            bytes.writeBytes(copy);
        }

        @Override
        public String digest(HashType type) {
            return HexFormat.of().formatHex(type.newDigest().digest(bytes.toByteArray()));
        }

        @Override
        public String keep(String displayName) throws IOException {
            keptOrConsumed = true;
            throwIfSet(failKeep);
            kept.put(displayName, bytes.toByteArray());
            return "file-" + kept.size();
        }

        @Override
        public void discard() {
            discarded = true;
        }
    }
}
