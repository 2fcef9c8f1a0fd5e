package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

import io.wsingest.websocket.Disconnect;

class FileStateInfoJsonTest {

    @Test
    void writesTheDocumentsKeysInItsOrder() {
        assertEquals("{\"IsInitialized\":false,\"FileName\":null,\"BufferSize\":32768,\"TotalFileSize\":null,"
                + "\"CurrentFileOffset\":0}", FileStateInfoJson.write(new FileStateInfo(false, null, 32768, null, 0)));
        assertEquals("{\"IsInitialized\":true,\"FileName\":\"scan \\\"1\\\".tif\",\"BufferSize\":32768,"
                        + "\"TotalFileSize\":5000000000,\"CurrentFileOffset\":4096}",
                FileStateInfoJson.write(new FileStateInfo(true, "scan \"1\".tif", 32768, 5_000_000_000L, 4096)));
    }

    @Test
    void readsTheClientsAnswer() throws Exception {
        FileStateInfo answer = FileStateInfoJson.read("{\"IsInitialized\":false,\"FileName\":\"a.bin\","
                + "\"BufferSize\":32768,\"TotalFileSize\":10,\"CurrentFileOffset\":0}");
        assertEquals("a.bin", answer.fileName());
        assertEquals(10L, answer.totalFileSize());
        assertEquals(0, answer.currentFileOffset());
    }

    @Test
    void readsKeysInAnyCaseAndIgnoresUnknownOnes() throws Exception {
        FileStateInfo answer = FileStateInfoJson.read(
                "{\"fileName\":\"a.bin\",\"totalFileSize\":null,\"currentFileOffset\":7,\"extra\":[1]}");
        assertEquals("a.bin", answer.fileName());
        assertNull(answer.totalFileSize());
        assertEquals(7, answer.currentFileOffset());
    }

    @Test
    void rejectsTextThatIsNotAJsonObject() {
        assertInvalid("Invalid FileStateInfo: not a JSON object", "not json");
        assertInvalid("Invalid FileStateInfo: not a JSON object", "[1,2]");
        assertInvalid("Invalid FileStateInfo: not a JSON object", "");
    }

    @Test
    void requiresCurrentFileOffset() {
        assertInvalid("Invalid FileStateInfo: CurrentFileOffset is required", "{\"FileName\":\"a\"}");
        assertInvalid("Invalid FileStateInfo: CurrentFileOffset is required", "{\"CurrentFileOffset\":null}");
    }

    @Test
    void rejectsNegativeFractionalOrOversizedNumbers() {
        String expected = "Invalid FileStateInfo: CurrentFileOffset must be a whole number from 0 to "
                + Long.MAX_VALUE;
        assertInvalid(expected, "{\"CurrentFileOffset\":-1}");
        assertInvalid(expected, "{\"CurrentFileOffset\":1.5}");
        assertInvalid(expected, "{\"CurrentFileOffset\":\"12\"}");
        assertInvalid(expected, "{\"CurrentFileOffset\":9223372036854775808}");
        assertInvalid("Invalid FileStateInfo: TotalFileSize must be a whole number from 0 to " + Long.MAX_VALUE,
                "{\"CurrentFileOffset\":0,\"TotalFileSize\":-5}");
    }

    @Test
    void rejectsFileNameThatIsNotAString() {
        assertInvalid("Invalid FileStateInfo: FileName must be a string", "{\"CurrentFileOffset\":0,\"FileName\":5}");
    }

    private static void assertInvalid(String reason, String text) {
        ProtocolViolation e = assertThrows(ProtocolViolation.class, () -> FileStateInfoJson.read(text));
        assertEquals(new Disconnect(1007, reason), e.disconnect());
    }
}
