package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import io.wsingest.websocket.Disconnect;

class UploadErrorTest {

    @Test
    void fillsPlaceholdersInOrder() {
        assertEquals(new Disconnect(1008, "Transfer has to be continuous, server has 10B of data, not 12B"),
                UploadError.NOT_CONTINUOUS.disconnect(10L, 12L));
        assertEquals(new Disconnect(1009, "Message does not fit into 32768B buffer"),
                UploadError.MESSAGE_TOO_BIG.disconnect(32768));
    }

    @Test
    void writesBooleansAsDotNetDoes() {
        assertEquals("Attempt to write to completed upload for project p1. (on active upload? True)",
                UploadError.WRITE_TO_FINISHED.disconnect("p1", true).reason());
    }

    @Test
    void keepsReplacementCharactersLiterally() {
        assertEquals("Error: 'cost $1 \\ each'", UploadError.UNKNOWN.disconnect("cost $1 \\ each").reason());
    }

    @Test
    void refusesTheWrongNumberOfValues() {
        assertThrows(IllegalArgumentException.class, () -> UploadError.NOT_CONTINUOUS.disconnect(1L));
        assertThrows(IllegalArgumentException.class, () -> UploadError.PROJECT_ID_NOT_SET.disconnect("x"));
    }

    @Test
    void everyErrorIsDocumentedWithItsCodeAndText() throws Exception {
        String doc = Files.readString(Path.of("docs", "protocol-a-resumable-upload.md"));
        for (UploadError error : UploadError.values()) {
            String row = "| " + error.code() + " | `" + error.reason() + "` |";
            assertTrue(doc.contains(row), "docs/protocol-a-resumable-upload.md lacks the row " + row);
        }
    }
}
