package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * The state machine and the values it works with use no Jakarta EE API, so they run and are tested without a
 * container. (The codec uses JSON-P, a plain library with an implementation on the test class path.)
 */
class ContainerFreeTest {

    private static final Pattern JAKARTA_IMPORT = Pattern.compile("(?m)^import (static )?jakarta\\.");

    @Test
    void theStateMachineAndItsValuesImportNoJakartaApi() throws Exception {
        for (String type : List.of("GalileoSession", "Step", "GalileoError", "ClientSignal", "ServerSignal", "HashType",
                "UploadStorage", "GalileoSettings", "SignalAssembler")) {
            String source = Files.readString(Path.of("src", "main", "java", "io", "wsingest", "galileo", type + ".java"));
            assertTrue(!JAKARTA_IMPORT.matcher(source).find(), type + " imports a jakarta.* type");
        }
    }
}
