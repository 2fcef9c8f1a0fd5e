package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Golden frames: what the original clients send, and exactly what the server sends back. */
class GalileoCodecTest {

    private static GalileoError errorOf(String text) {
        ClientSignal signal = GalileoCodec.decode(text);
        if (!(signal instanceof ClientSignal.Unreadable unreadable)) {
            throw new AssertionError("expected an error for " + text + ", got " + signal);
        }
        return unreadable.failure().error();
    }

    // --- server signals ---

    @Test
    void writesTheReadySignalWithItsChunksize() {
        assertEquals("{\"ready\":true,\"chunksize\":262144}", GalileoCodec.encode(new ServerSignal.Ready(262144)));
    }

    @Test
    void writesTheErrorSignalWithItsFatalFlag() {
        assertEquals("{\"error\":\"Expected: 10 bytes. Got: 4 bytes.\",\"fatal\":true}",
                GalileoCodec.encode(new ServerSignal.Error("Expected: 10 bytes. Got: 4 bytes.", true)));
        assertEquals("{\"error\":\"Malformed signal: expected a JSON object\",\"fatal\":false}",
                GalileoCodec.encode(new ServerSignal.Error("Malformed signal: expected a JSON object", false)));
    }

    @Test
    void escapesErrorTextAsJson() {
        assertEquals("{\"error\":\"say \\\"hi\\\" \\\\ bye\",\"fatal\":false}",
                GalileoCodec.encode(new ServerSignal.Error("say \"hi\" \\ bye", false)));
    }

    @Test
    void writesTheCloseSignal() {
        assertEquals("{\"close\":true}", GalileoCodec.encode(new ServerSignal.Close()));
    }

    // --- client signals ---

    @Test
    void readsTheBrowserClientsMetadata() {
        // JSON.stringify({ name : file.name, size : file.size })
        assertEquals(new ClientSignal.Metadata("holiday photo.jpg", 3_145_728),
                GalileoCodec.decode("{\"name\":\"holiday photo.jpg\",\"size\":3145728}"));
    }

    @Test
    void readsThePerlSendersMetadataInAnyKeyOrder() {
        assertEquals(new ClientSignal.Metadata("report.pdf", 1234),
                GalileoCodec.decode("{\"size\":1234,\"name\":\"report.pdf\"}"));
    }

    @Test
    void ignoresOtherMetadataKeys() {
        // The original server took a client's "directory" as a hint; here every other key is ignored.
        assertEquals(new ClientSignal.Metadata("a.txt", 5),
                GalileoCodec.decode("{\"name\":\"a.txt\",\"size\":5,\"directory\":\"/etc\",\"type\":\"text/plain\"}"));
    }

    @Test
    void readsMetadataWithoutName() {
        assertEquals(new ClientSignal.Metadata(null, 5), GalileoCodec.decode("{\"size\":5}"));
        assertEquals(new ClientSignal.Metadata(null, 5), GalileoCodec.decode("{\"name\":null,\"size\":5}"));
    }

    @Test
    void readsWholeSizesWrittenWithAFractionOrExponent() {
        assertEquals(new ClientSignal.Metadata("a", 12), GalileoCodec.decode("{\"name\":\"a\",\"size\":12.0}"));
        assertEquals(new ClientSignal.Metadata("a", 1200), GalileoCodec.decode("{\"name\":\"a\",\"size\":1.2e3}"));
        assertEquals(new ClientSignal.Metadata("a", 0), GalileoCodec.decode("{\"name\":\"a\",\"size\":0}"));
    }

    @Test
    void readsSizesBeyondALongAsTheLargestLong() {
        assertEquals(new ClientSignal.Metadata("a", Long.MAX_VALUE),
                GalileoCodec.decode("{\"name\":\"a\",\"size\":9223372036854775808}"));
        assertEquals(new ClientSignal.Metadata("a", Long.MAX_VALUE),
                GalileoCodec.decode("{\"name\":\"a\",\"size\":1e30}"));
    }

    @Test
    void neverExpandsAHugeExponent() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> assertEquals(
                new ClientSignal.Metadata("a", Long.MAX_VALUE),
                GalileoCodec.decode("{\"name\":\"a\",\"size\":1e999999999}")));
    }

    @Test
    void readsTheFinishedSignalOfBothClients() {
        // JSON.stringify({ finished : true }) and Perl's j({ finished => \1 })
        assertEquals(new ClientSignal.Finished(null), GalileoCodec.decode("{\"finished\":true}"));
    }

    @Test
    void readsTheFinishedSignalWithAHash() {
        assertEquals(new ClientSignal.Finished(new ClientSignal.ClaimedHash("sha1", "a9993e36")),
                GalileoCodec.decode("{\"finished\":true,\"hash\":{\"type\":\"sha1\",\"value\":\"a9993e36\"}}"));
        assertEquals(new ClientSignal.Finished(null), GalileoCodec.decode("{\"finished\":true,\"hash\":null}"));
    }

    @Test
    void leavesCheckingTheHashTypeToTheSession() {
        assertEquals(new ClientSignal.Finished(new ClientSignal.ClaimedHash("crc32", "00")),
                GalileoCodec.decode("{\"finished\":true,\"hash\":{\"type\":\"crc32\",\"value\":\"00\"}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "not json", "{\"name\":", "[1,2]", "42", "\"text\"", "null", "{\"a\":1}}}"})
    void rejectsTextThatIsNotAJsonObjectAsMalformed(String text) {
        assertEquals(GalileoError.MALFORMED_SIGNAL, errorOf(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{}", "{\"ready\":true}", "{\"close\":true}", "{\"ping\":1}"})
    void rejectsObjectsThatAreNoSignalAsUnknown(String text) {
        assertEquals(GalileoError.UNKNOWN_SIGNAL, errorOf(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"finished\":false}", "{\"finished\":1}", "{\"finished\":\"yes\"}", "{\"finished\":null}"})
    void rejectsFinishedThatIsNotTrue(String text) {
        assertEquals(GalileoError.INVALID_FINISHED, errorOf(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"sha1:00\"", "{\"type\":\"sha1\"}", "{\"value\":\"00\"}", "{\"type\":\"sha1\",\"value\":0}",
            "[\"sha1\",\"00\"]"})
    void rejectsAHashThatIsNotTypeAndValue(String hash) {
        assertEquals(GalileoError.HASH_INVALID, errorOf("{\"finished\":true,\"hash\":" + hash + "}"));
    }

    @Test
    void rejectsMetadataWithoutSize() {
        assertEquals(GalileoError.SIZE_MISSING, errorOf("{\"name\":\"a.txt\"}"));
        assertEquals(GalileoError.SIZE_MISSING, errorOf("{\"name\":\"a.txt\",\"size\":null}"));
    }

    @Test
    void rejectsNegativeSize() {
        assertEquals(GalileoError.SIZE_NEGATIVE, errorOf("{\"name\":\"a.txt\",\"size\":-1}"));
        assertEquals(GalileoError.SIZE_NEGATIVE, errorOf("{\"name\":\"a.txt\",\"size\":-1e30}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12.5", "\"12\"", "true", "{}", "[12]", "1e-3"})
    void rejectsSizeThatIsNotAWholeNumber(String size) {
        assertEquals(GalileoError.SIZE_NOT_WHOLE, errorOf("{\"name\":\"a.txt\",\"size\":" + size + "}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"12", "true", "{}", "[\"a\"]"})
    void rejectsNameThatIsNotAString(String name) {
        assertEquals(GalileoError.NAME_INVALID, errorOf("{\"name\":" + name + ",\"size\":1}"));
    }

    @Test
    void takesAnObjectWithFinishedAsTheFinishedSignalWhateverElseItHas() {
        assertEquals(new ClientSignal.Finished(null), GalileoCodec.decode("{\"finished\":true,\"name\":\"a\",\"size\":1}"));
    }
}
