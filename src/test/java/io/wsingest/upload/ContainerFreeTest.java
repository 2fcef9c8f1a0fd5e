package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The frame codec, the state machine and the values they work with use no Jakarta EE API, so they run and are tested
 * without a container. (The handshake's JSON, {@link FileStateInfoJson}, uses JSON-P, a plain library with an
 * implementation on the test class path; the machine receives it as a {@link UploadSessionMachine.ReplyReader}.)
 */
class ContainerFreeTest {

    private static final Pattern JAKARTA_IMPORT = Pattern.compile("(?m)^import (static )?jakarta\\.");

    @Test
    void theCodecTheStateMachineAndTheirValuesImportNoJakartaApi() throws Exception {
        for (String type : List.of("upload/UploadFrameCodec", "upload/UploadSessionMachine", "upload/UploadStep",
                "upload/UploadError", "websocket/Disconnect", "websocket/ProtocolClose", "upload/ProtocolViolation",
                "upload/DataFrame", "upload/FileStateInfo", "upload/UploadChain", "upload/UploadState",
                "upload/UploadSettings", "upload/FrameByteOrder")) {
            String source = Files.readString(Path.of("src", "main", "java", "io", "wsingest", type + ".java"));
            assertFalse(JAKARTA_IMPORT.matcher(source).find(), type + " imports a jakarta.* type");
        }
    }
}
