package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import io.wsingest.storage.DisplayNames;
import io.wsingest.storage.QuotaExceededException;
import io.wsingest.storage.StorageFullException;
import io.wsingest.testing.ManualExecutor;
import io.wsingest.websocket.Disconnect;

/** The GalileoSend rules, one test each, without a container: signals in, steps out, bytes in memory. */
class GalileoSessionTest {

    private static final int CHUNK = 8;
    private static final long LIMIT = 100;
    /** Two chunks. */
    private static final long WRITE_BEHIND = 2 * CHUNK;
    private static final ServerSignal READY = new ServerSignal.Ready(CHUNK);

    private final MemoryStorage storage = new MemoryStorage();
    /** Writes at once, on the caller's thread, unless a test writes through {@link #later}. */
    private final GalileoSession session = session(Runnable::run);
    private final ManualExecutor later = new ManualExecutor();
    private int writerProgressCalls;

    private GalileoSession session(Executor writer) {
        return new GalileoSession(new GalileoSettings(CHUNK, LIMIT, Duration.ofSeconds(60), WRITE_BEHIND), storage,
                writer, () -> writerProgressCalls++);
    }

    private static ClientSignal text(String json) {
        return GalileoCodec.decode(json);
    }

    private static ClientSignal metadata(String name, long size) {
        return new ClientSignal.Metadata(name, size);
    }

    private static ClientSignal finished() {
        return new ClientSignal.Finished(null);
    }

    private static ClientSignal finished(String type, String value) {
        return new ClientSignal.Finished(new ClientSignal.ClaimedHash(type, value));
    }

    private static ByteBuffer bytes(String ascii) {
        return ByteBuffer.wrap(ascii.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String hex(HashType type, String content) {
        return HexFormat.of().formatHex(type.newDigest().digest(ascii(content)));
    }

    private static void assertReady(Step step) {
        assertEquals(List.of(READY), step.signals());
        assertNull(step.disconnect());
        assertNull(step.failure());
    }

    private static void assertNonFatal(GalileoError error, Step step) {
        assertEquals(error, step.failure().error());
        assertEquals(List.of(new ServerSignal.Error(step.failure().message(), false)), step.signals());
        assertNull(step.disconnect(), "a non-fatal error keeps the connection");
    }

    private static void assertFatal(GalileoError error, String message, int closeCode, Step step) {
        assertEquals(error, step.failure().error());
        assertEquals(List.of(new ServerSignal.Error(message, true)), step.signals());
        assertEquals(new Disconnect(closeCode, message), step.disconnect());
    }

    /** A server failure: the message names an incident, never the exception's text. */
    private static void assertIncident(GalileoError error, String message, Step step) {
        String sent = step.failure().message();
        assertTrue(sent.matches(Pattern.quote(message) + " \\(ref [0-9a-f]{8}\\)"), sent);
        assertFatal(error, sent, 1011, step);
    }

    /** Metadata, then the content in chunks of the chunk size, each answered with ready. */
    private void sendInChunks(String content) {
        assertReady(session.onText(metadata("notes.txt", content.length())));
        for (int from = 0; from < content.length(); from += CHUNK) {
            assertReady(session.onBinary(bytes(content.substring(from, Math.min(content.length(), from + CHUNK)))));
        }
    }

    private void assertNothingKept() {
        assertTrue(storage.kept.isEmpty(), "nothing kept");
        storage.begun.forEach(file -> assertTrue(file.discarded, "every partial file discarded"));
        assertEquals(GalileoSession.State.FAILED, session.state());
    }

    // --- the exchange ---

    @Test
    void answersMetadataWithReadyAnnouncingTheConfiguredChunksize() {
        assertReady(session.onText(text("{\"name\":\"a.txt\",\"size\":20}")));
        assertEquals(GalileoSession.State.RECEIVING, session.state());
        assertEquals(1, storage.begun.size(), "a place for the bytes before the first chunk");
    }

    @Test
    void answersEveryChunkWithReadyAndKeepsItsBytes() {
        session.onText(metadata("a.txt", 12));

        assertReady(session.onBinary(bytes("hello wo")));
        assertReady(session.onBinary(bytes("rld!")));

        assertArrayEquals(ascii("hello world!"), storage.only().bytes.toByteArray());
        assertEquals(12, session.received());
    }

    @Test
    void storesFileSentInTheBrowserClientsPattern() {
        // The browser client answers the ready after its last chunk with finished.
        sendInChunks("twenty bytes of text");

        Step done = session.onText(text("{\"finished\":true}"));

        assertEquals(List.of(new ServerSignal.Close()), done.signals());
        assertEquals(new Disconnect(1000, "File stored"), done.disconnect());
        assertTrue(done.stored());
        assertArrayEquals(ascii("twenty bytes of text"), storage.kept.get("notes.txt"));
        assertEquals(GalileoSession.State.STORED, session.state());
        assertEquals("file-1", session.storedFileId().orElseThrow());
    }

    @Test
    void storesFileSentInThePerlSendersPatternWithAnEmptyLastChunk() {
        // The Perl sender answers the ready after its last chunk with an empty chunk, and the next ready with finished.
        sendInChunks("twenty bytes of text");

        assertReady(session.onBinary(ByteBuffer.allocate(0)));
        assertEquals(GalileoSession.State.END_OF_FILE, session.state());
        Step done = session.onText(finished());

        assertTrue(done.stored());
        assertArrayEquals(ascii("twenty bytes of text"), storage.kept.get("notes.txt"));
    }

    @Test
    void storesAnEmptyFileSentAsOneEmptyChunk() {
        // Both original clients send an empty chunk for an empty file before finished.
        session.onText(metadata("empty.txt", 0));

        assertReady(session.onBinary(ByteBuffer.allocate(0)));
        assertTrue(session.onText(finished()).stored());

        assertArrayEquals(new byte[0], storage.kept.get("empty.txt"));
    }

    @Test
    void storesAnEmptyFileFinishedWithoutAnyChunk() {
        session.onText(metadata("empty.txt", 0));

        assertTrue(session.onText(finished()).stored());
    }

    @Test
    void acceptsChunkOfExactlyTheChunksize() {
        session.onText(metadata("a.bin", CHUNK));

        assertReady(session.onBinary(ByteBuffer.allocate(CHUNK)));
    }

    @Test
    void acceptsChunksSmallerThanTheChunksize() {
        session.onText(metadata("a.bin", 3));

        assertReady(session.onBinary(bytes("a")));
        assertReady(session.onBinary(bytes("bc")));
        assertTrue(session.onText(finished()).stored());
    }

    @Test
    void acceptsFileOfExactlyTheSizeLimit() {
        assertReady(session.onText(metadata("big.bin", LIMIT)));
    }

    @Test
    void keepsTheFileUnderItsSanitisedName() {
        session.onText(metadata("../../etc/pass\u0000wd", 1));
        session.onBinary(bytes("x"));
        session.onText(finished());

        assertEquals(Set.of("passwd"), storage.kept.keySet());
        assertEquals("passwd", session.fileName().orElseThrow());
    }

    @Test
    void keepsAFileSentWithoutNameAsUnnamed() {
        session.onText(text("{\"size\":1}"));
        session.onBinary(bytes("x"));
        session.onText(finished());

        assertEquals(Set.of(DisplayNames.UNNAMED), storage.kept.keySet());
    }

    @ParameterizedTest
    @EnumSource(HashType.class)
    void storesFileWhoseHashMatches(HashType type) {
        sendInChunks("hash me, please");

        Step done = session.onText(finished(type.wireName(), hex(type, "hash me, please")));

        assertTrue(done.stored(), () -> String.valueOf(done.failure()));
    }

    @Test
    void comparesHashValuesIgnoringCaseAndSurroundingSpace() {
        sendInChunks("hash me, please");

        String upperCase = hex(HashType.MD5, "hash me, please").toUpperCase(Locale.ROOT);
        assertTrue(session.onText(finished("md5", " " + upperCase + " ")).stored());
    }

    @Test
    void acceptsHashTypeInAnyCaseAndWithADash() {
        sendInChunks("hash me, please");

        assertTrue(session.onText(finished("SHA-256", hex(HashType.SHA256, "hash me, please"))).stored());
    }

    @Test
    void storesFileWhenTheHashIsNull() {
        sendInChunks("no hash");

        assertTrue(session.onText(text("{\"finished\":true,\"hash\":null}")).stored());
    }

    // --- errors that keep the session usable ---

    @Test
    void rejectsMalformedJsonAndStaysUsable() {
        assertNonFatal(GalileoError.MALFORMED_SIGNAL, session.onText(text("{\"name\":")));

        assertReady(session.onText(metadata("a.txt", 1)));
    }

    @Test
    void rejectsUnknownSignalMidUploadAndKeepsTheUpload() {
        session.onText(metadata("a.txt", 2));
        session.onBinary(bytes("a"));

        assertNonFatal(GalileoError.UNKNOWN_SIGNAL, session.onText(text("{\"pause\":true}")));

        assertReady(session.onBinary(bytes("b")));
        assertTrue(session.onText(finished()).stored());
        assertArrayEquals(ascii("ab"), storage.kept.get("a.txt"));
    }

    @Test
    void rejectsFinishedThatIsNotTrueAndStaysUsable() {
        session.onText(metadata("a.txt", 1));
        session.onBinary(bytes("a"));

        assertNonFatal(GalileoError.INVALID_FINISHED, session.onText(text("{\"finished\":false}")));

        assertTrue(session.onText(finished()).stored());
    }

    @Test
    void rejectsBinaryBeforeMetadataAndDropsIt() {
        assertNonFatal(GalileoError.DATA_BEFORE_METADATA, session.onBinary(bytes("stray")));
        assertTrue(storage.begun.isEmpty());

        assertReady(session.onText(metadata("a.txt", 1)));
        session.onBinary(bytes("a"));
        assertTrue(session.onText(finished()).stored());
        assertArrayEquals(ascii("a"), storage.kept.get("a.txt"));
    }

    @Test
    void rejectsFinishedBeforeMetadataAndStaysUsable() {
        assertNonFatal(GalileoError.NOTHING_TO_FINISH, session.onText(finished()));

        assertReady(session.onText(metadata("a.txt", 1)));
    }

    // --- fatal errors: the file is discarded and the connection closed ---

    @Test
    void rejectsMetadataWithoutSize() {
        assertFatal(GalileoError.SIZE_MISSING, "Invalid metadata: size is missing", 1002,
                session.onText(text("{\"name\":\"a.txt\"}")));
        assertTrue(storage.begun.isEmpty());
        assertEquals(GalileoSession.State.FAILED, session.state());
    }

    @Test
    void rejectsNegativeSize() {
        assertFatal(GalileoError.SIZE_NEGATIVE, "Invalid metadata: size must not be negative", 1002,
                session.onText(text("{\"name\":\"a.txt\",\"size\":-1}")));
        assertTrue(storage.begun.isEmpty());
    }

    @Test
    void rejectsSizeThatIsNotAWholeNumber() {
        assertFatal(GalileoError.SIZE_NOT_WHOLE, "Invalid metadata: size must be a whole number of bytes", 1002,
                session.onText(text("{\"name\":\"a.txt\",\"size\":\"12\"}")));
    }

    @Test
    void rejectsNameThatIsNotAString() {
        assertFatal(GalileoError.NAME_INVALID, "Invalid metadata: name must be a string", 1002,
                session.onText(text("{\"name\":[\"a\"],\"size\":1}")));
    }

    @Test
    void rejectsFileLargerThanTheLimitBeforeAnyByte() {
        assertFatal(GalileoError.FILE_TOO_LARGE, "File too large: 101 bytes announced, the limit is 100 bytes", 1009,
                session.onText(metadata("big.bin", LIMIT + 1)));
        assertTrue(storage.begun.isEmpty(), "no place for bytes was even made");
    }

    @Test
    void rejectsSecondMetadataAndDiscardsTheFirstFile() {
        session.onText(metadata("a.txt", 4));
        session.onBinary(bytes("ab"));

        assertFatal(GalileoError.METADATA_REPEATED,
                "Unexpected metadata: a file is already in progress (one file per connection)", 1002,
                session.onText(metadata("b.txt", 4)));
        assertNothingKept();
    }

    @Test
    void rejectsChunkLargerThanAnnouncedChunksize() {
        session.onText(metadata("a.bin", 50));

        assertFatal(GalileoError.CHUNK_TOO_LARGE, "Chunk too large: 9 bytes, the chunksize is 8 bytes", 1009,
                session.onBinary(ByteBuffer.allocate(CHUNK + 1)));
        assertNothingKept();
        assertEquals(0, storage.only().bytes.size(), "the oversized chunk was not written");
    }

    @Test
    void rejectsBytesPastTheAnnouncedSize() {
        session.onText(metadata("a.txt", 10));
        session.onBinary(bytes("12345678"));

        assertFatal(GalileoError.DATA_PAST_SIZE,
                "Too much data: the file was announced as 10 bytes, this chunk would make it 11 bytes", 1002,
                session.onBinary(bytes("9AB")));
        assertNothingKept();
    }

    @Test
    void rejectsDataAfterAnEmptyChunkEndedTheFile() {
        session.onText(metadata("a.txt", 10));
        session.onBinary(bytes("12345"));
        session.onBinary(ByteBuffer.allocate(0));

        assertFatal(GalileoError.DATA_AFTER_END,
                "Unexpected file data: an empty chunk ended the file, send {finished: true}", 1002,
                session.onBinary(bytes("67890")));
        assertNothingKept();
    }

    @Test
    void reportsSizeMismatchInTheOriginalServersWords() {
        session.onText(metadata("a.txt", 10));
        session.onBinary(bytes("1234"));

        assertFatal(GalileoError.SIZE_MISMATCH, "Expected: 10 bytes. Got: 4 bytes.", 1007,
                session.onText(finished()));
        assertNothingKept();
    }

    @Test
    void reportsSizeMismatchAfterAnEarlyEmptyChunk() {
        session.onText(metadata("a.txt", 10));
        session.onBinary(bytes("1234"));
        assertReady(session.onBinary(ByteBuffer.allocate(0)));

        assertFatal(GalileoError.SIZE_MISMATCH, "Expected: 10 bytes. Got: 4 bytes.", 1007,
                session.onText(finished()));
    }

    @ParameterizedTest
    @EnumSource(HashType.class)
    void rejectsFileWhoseHashDoesNotMatch(HashType type) {
        sendInChunks("hash me, please");
        String claimed = hex(type, "something else");

        Step step = session.onText(finished(type.wireName(), claimed));

        assertFatal(GalileoError.HASH_MISMATCH, "Hash mismatch: the " + type.wireName() + " of the received file is "
                + hex(type, "hash me, please") + ", the client sent " + claimed, 1007, step);
        assertNothingKept();
    }

    @Test
    void rejectsUnsupportedHashType() {
        sendInChunks("hash me");

        assertFatal(GalileoError.HASH_TYPE_UNSUPPORTED, "Unsupported hash type: crc32 (use sha1, sha256 or md5)", 1002,
                session.onText(finished("crc32", "0a1b2c3d")));
        assertNothingKept();
    }

    @Test
    void quotesOnlyPrintableShortClientTextInMessages() {
        sendInChunks("hash me");

        Step step = session.onText(finished("evil\nlog line" + "x".repeat(100), "00"));

        assertEquals("Unsupported hash type: evil?log line" + "x".repeat(19) + "… (use sha1, sha256 or md5)",
                step.failure().message());
    }

    @Test
    void rejectsHashWithoutValue() {
        sendInChunks("hash me");

        assertFatal(GalileoError.HASH_INVALID, "Invalid hash: expected {type, value} with string values", 1002,
                session.onText(text("{\"finished\":true,\"hash\":{\"type\":\"md5\"}}")));
        assertNothingKept();
    }

    @Test
    void reportsFullStorageWhenNoPlaceForTheBytesCanBeMade() {
        storage.failBegin = new StorageFullException("disk full");

        Step step = session.onText(metadata("a.txt", 10));

        assertFatal(GalileoError.STORAGE_FULL, "Storage full: the server cannot take the file now, try again later",
                1013, step);
        assertEquals(storage.failBegin, step.failure().cause());
    }

    @Test
    void refusesAFileTheUsersQuotaHasNoRoomForBeforeAnyByte() {
        storage.failBegin = new QuotaExceededException("ann", 10, 100, 4);

        Step step = session.onText(metadata("a.txt", 10));

        assertFatal(GalileoError.QUOTA_EXCEEDED,
                "Quota exceeded: 10 bytes announced, your storage quota has room for 4 of 100 bytes", 1009, step);
        assertEquals(null, step.failure().cause());
        assertEquals(GalileoSession.State.FAILED, session.state());
    }

    @Test
    void reportsStorageFailureWhenAnAcknowledgedChunkCannotBeWritten() {
        session.onText(metadata("a.txt", 10));
        storage.failAppend = new IOException("I/O error");

        assertReady(session.onBinary(bytes("1234")));
        assertEquals(1, writerProgressCalls, "the writer reported its failure");
        Step step = session.onWriterProgress();

        assertIncident(GalileoError.STORAGE_FAILED, "Server error: the file could not be stored", step);
        assertEquals(storage.failAppend, step.failure().cause());
        assertNothingKept();
    }

    @Test
    void reportsFullStorageWhenAnAcknowledgedChunkWouldFillTheDisk() {
        session.onText(metadata("a.txt", 10));
        storage.failAppend = new StorageFullException("disk full");

        assertReady(session.onBinary(bytes("1234")));

        assertEquals(GalileoError.STORAGE_FULL, session.onWriterProgress().failure().error());
        assertNothingKept();
    }

    @Test
    void reportsAWriteFailureAtTheNextChunkIfItArrivesFirst() {
        session.onText(metadata("a.txt", 10));
        storage.failAppend = new IOException("I/O error");
        session.onBinary(bytes("1234"));

        assertIncident(GalileoError.STORAGE_FAILED, "Server error: the file could not be stored",
                session.onBinary(bytes("5678")));
        assertEquals(Step.nothing(), session.onWriterProgress(), "reported once");
        assertNothingKept();
    }

    @Test
    void reportsAWriteFailureAtFinishedIfItArrivesFirst() {
        session.onText(metadata("a.txt", 4));
        storage.failAppend = new StorageFullException("disk full");
        session.onBinary(bytes("1234"));

        assertEquals(GalileoError.STORAGE_FULL, session.onText(finished()).failure().error());
        assertNothingKept();
    }

    // --- write-behind: acknowledged on receipt, written in order on another thread ---

    @Test
    void acknowledgesAChunkOnReceiptBeforeItIsWritten() {
        GalileoSession writingLater = session(later);
        writingLater.onText(metadata("a.txt", 12));

        assertReady(writingLater.onBinary(bytes("hello wo")));
        assertEquals(0, storage.only().bytes.size(), "not written yet");

        later.runAll();
        assertArrayEquals(ascii("hello wo"), storage.only().bytes.toByteArray());
        assertEquals(0, writerProgressCalls, "no ready was owed");
    }

    @Test
    void owesTheReadyWhileTheWriteBehindIsFullAndSendsItOnceTheWriterMadeRoom() {
        GalileoSession writingLater = session(later);
        writingLater.onText(metadata("a.txt", 20));
        assertReady(writingLater.onBinary(bytes("12345678")));

        assertEquals(Step.nothing(), writingLater.onBinary(bytes("abcdefgh")), "16 of 16 bytes: the ready waits");
        assertEquals(Step.nothing(), writingLater.onWriterProgress(), "nothing written yet");

        later.runAll();
        assertTrue(writerProgressCalls > 0, "the writer told of the room it made");
        assertReady(writingLater.onWriterProgress());
        assertEquals(Step.nothing(), writingLater.onWriterProgress(), "one ready per chunk");
    }

    @Test
    void endsAnUploadWhoseWriteFailedAfterItsChunkWasAcknowledged() {
        GalileoSession writingLater = session(later);
        writingLater.onText(metadata("a.txt", 20));
        assertReady(writingLater.onBinary(bytes("12345678")));
        storage.failAppend = new StorageFullException("disk full");

        later.runAll();
        Step step = writingLater.onWriterProgress();

        assertFatal(GalileoError.STORAGE_FULL, "Storage full: the server cannot take the file now, try again later",
                1013, step);
        assertTrue(storage.kept.isEmpty());
        assertTrue(storage.only().discarded);
        assertEquals(GalileoSession.State.FAILED, writingLater.state());
        assertEquals(Step.nothing(), writingLater.onText(finished()));
    }

    @Test
    void reportsStorageFailureWhenTheCompleteFileCannotBeKept() {
        sendInChunks("almost");
        storage.failKeep = new IOException("rename failed");

        assertIncident(GalileoError.STORAGE_FAILED, "Server error: the file could not be stored",
                session.onText(finished()));
        assertNothingKept();
    }

    @Test
    void endsTheUploadAsServerErrorWhenTheEndpointFails() {
        session.onText(metadata("a.txt", 10));
        IllegalStateException bug = new IllegalStateException("bug");

        Step step = session.onInternalError(bug);

        assertIncident(GalileoError.INTERNAL_ERROR, "Server error: the upload failed", step);
        assertEquals(bug, step.failure().cause());
        assertNothingKept();
    }

    @Test
    void refusesAConnectionWithAFatalPolicyViolation() {
        Step step = GalileoSession.refuse(GalileoError.UNAUTHORIZED.failure("missing token"));

        assertFatal(GalileoError.UNAUTHORIZED, "Unauthorized: missing token", 1008, step);
        assertFatal(GalileoError.PROJECT_REFUSED, "Forbidden: the project does not exist or you may not upload to it",
                1008, GalileoSession.refuse(GalileoError.PROJECT_REFUSED.failure()));
        assertThrows(IllegalArgumentException.class,
                () -> GalileoSession.refuse(GalileoError.UNKNOWN_SIGNAL.failure()));
    }

    // --- after the end ---

    @Test
    void ignoresWhateverArrivesAfterTheFileIsStored() {
        sendInChunks("done");
        session.onText(finished());

        assertEquals(Step.nothing(), session.onBinary(bytes("more")));
        assertEquals(Step.nothing(), session.onText(finished()));
        assertEquals(Step.nothing(), session.onText(text("garbage")));
        assertEquals(Step.nothing(), session.onInternalError(new IllegalStateException()));
        assertFalse(session.abandon(), "a stored file stays stored when the connection closes");
        assertEquals(1, storage.kept.size());
    }

    @Test
    void ignoresWhateverArrivesAfterAFatalError() {
        session.onText(metadata("a.txt", 1));
        session.onBinary(ByteBuffer.allocate(CHUNK + 1));

        assertEquals(Step.nothing(), session.onBinary(bytes("x")));
        assertEquals(Step.nothing(), session.onText(finished()));
        assertEquals(Step.nothing(), session.onText(metadata("b.txt", 1)));
    }

    @Test
    void discardsTheFileInProgressWhenTheConnectionGoesAway() {
        session.onText(metadata("a.txt", 10));
        session.onBinary(bytes("1234"));

        assertTrue(session.abandon());
        assertFalse(session.abandon(), "abandoning twice discards once");

        assertNothingKept();
        assertEquals(Step.nothing(), session.onBinary(bytes("5678")));
    }

    @Test
    void discardsTheFileEndedByAnEmptyChunkWhenTheConnectionGoesAway() {
        session.onText(metadata("a.txt", 0));
        session.onBinary(ByteBuffer.allocate(0));

        assertTrue(session.abandon());
        assertNothingKept();
    }

    @Test
    void hasNothingToDiscardBeforeMetadata() {
        assertFalse(session.abandon());
        assertEquals(Step.nothing(), session.onText(metadata("late.txt", 1)));
        assertTrue(storage.begun.isEmpty());
    }

    // --- the catalogue ---

    @Test
    void onlyMessageLevelErrorsAreNotFatal() {
        Set<GalileoError> notFatal = EnumSet.noneOf(GalileoError.class);
        for (GalileoError error : GalileoError.values()) {
            if (!error.fatal()) {
                notFatal.add(error);
                assertEquals(0, error.code());
            } else {
                assertTrue(Set.of(1001, 1002, 1007, 1008, 1009, 1011, 1013).contains(error.code()), error::name);
            }
        }
        assertEquals(EnumSet.of(GalileoError.MALFORMED_SIGNAL, GalileoError.UNKNOWN_SIGNAL,
                GalileoError.INVALID_FINISHED, GalileoError.DATA_BEFORE_METADATA, GalileoError.NOTHING_TO_FINISH),
                notFatal);
    }

    // --- ends decided by the server ---

    @Test
    void isTransferringOnlyWhileAFileArrives() {
        assertFalse(session.transferring());
        session.onText(metadata("a.txt", 12));
        assertTrue(session.transferring());
        session.onBinary(ByteBuffer.allocate(0));
        assertTrue(session.transferring(), "after the Perl sender's empty chunk, finished is still to come");
    }

    @Test
    void anEndDecidedByTheServerDiscardsTheFileInProgress() {
        session.onText(metadata("a.txt", 12));
        session.onBinary(bytes("hello wo"));

        Step end = session.end(GalileoError.UNAUTHORIZED.failure("token expired"));

        assertFatal(GalileoError.UNAUTHORIZED, "Unauthorized: token expired", 1008, end);
        assertNothingKept();
        assertEquals(Step.nothing(), session.end(GalileoError.IDLE_TIMEOUT.failure(60)), "ends once");
    }
}
