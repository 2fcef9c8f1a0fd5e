package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import jakarta.json.JsonArray;
import jakarta.json.JsonString;

import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;

/** What {@link GalileoProbeServlet} sees inside the server: the files kept and the spool files of uploads. */
final class GalileoProbe {

    private final TestServer server;

    GalileoProbe(TestServer server) {
        this.server = server;
    }

    /** The owner's stored files, each with the SHA-256 and size of the bytes in the blob store. */
    JsonArray storedFiles(String owner) throws Exception {
        var response = server.get("test/galileo/files?owner=" + URLEncoder.encode(owner, StandardCharsets.UTF_8), null);
        assertEquals(200, response.statusCode(), response.body());
        return Json.array(response.body());
    }

    List<String> spools() throws Exception {
        return Json.array(server.get("test/galileo/spools", null).body()).getValuesAs(JsonString.class).stream()
                .map(JsonString::getString).toList();
    }

    /** The one GalileoSend spool file that appeared since {@code before}. */
    String newSpool(List<String> before) throws Exception {
        List<String> added = new ArrayList<>(spools());
        added.removeAll(before);
        added.removeIf(name -> !name.startsWith("transient-galileo-"));
        assertEquals(1, added.size(), () -> "new spool files: " + added);
        return added.get(0);
    }

    /** Waits (in the server, at most 20 s) until the spool file is deleted. */
    void assertSpoolGone(String name) throws Exception {
        String body = server.get("test/galileo/spools?await-gone=" + name, null).body();
        assertTrue(Json.object(body).getBoolean("gone"), () -> "spool file " + name + " still there");
    }
}
