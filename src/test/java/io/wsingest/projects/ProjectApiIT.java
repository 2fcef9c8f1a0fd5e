package io.wsingest.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.Json;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;

/** The project administration API over HTTP, with the same tokens as the WebSocket endpoints. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ProjectApiIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    private final String admin = TestServer.adminToken("root");

    private static String uniqueId() {
        return Unique.name("p");
    }

    @Test
    void adminCreatesProjectAndManagesMembers() throws Exception {
        TestServer server = new TestServer(url);
        String id = uniqueId();
        String ivy = "ivy-" + id;

        var created = server.postJson("api/projects", admin, "{\"id\":\"" + id + "\",\"name\":\"Survey 2026\"}");
        assertEquals(201, created.statusCode(), created.body());
        assertEquals("Survey 2026", Json.object(created.body()).getString("name"));
        Instant.parse(Json.object(created.body()).getString("createdAt"));

        assertEquals(204, server.put("api/projects/" + id + "/members/" + ivy, admin).statusCode());
        JsonArray ivysProjects = Json.array(server.get("api/projects", TestServer.token(ivy)).body());
        assertEquals(1, ivysProjects.size());
        JsonObject project = ivysProjects.getJsonObject(0);
        assertEquals(id, project.getString("id"));
        assertEquals(ivy, project.getJsonArray("members").getString(0));

        assertEquals(204, server.delete("api/projects/" + id + "/members/" + ivy, admin).statusCode());
        assertEquals(404, server.get("api/projects/" + id, TestServer.token(ivy)).statusCode());

        assertEquals(204, server.delete("api/projects/" + id, admin).statusCode());
        assertEquals(404, server.get("api/projects/" + id, admin).statusCode());
    }

    @Test
    void refusesDuplicateAndMalformedIds() throws Exception {
        TestServer server = new TestServer(url);
        String id = uniqueId();
        assertEquals(201, server.postJson("api/projects", admin, "{\"id\":\"" + id + "\"}").statusCode());
        assertEquals(409, server.postJson("api/projects", admin, "{\"id\":\"" + id + "\"}").statusCode());
        assertEquals(400, server.postJson("api/projects", admin, "{\"id\":\"Upper Case\"}").statusCode());
        assertEquals(400, server.postJson("api/projects", admin, "{\"id\":\"../etc\"}").statusCode());
    }

    @Test
    void nonAdminCannotManageProjects() throws Exception {
        TestServer server = new TestServer(url);
        String user = TestServer.token("jack");
        assertEquals(403, server.postJson("api/projects", user, "{\"id\":\"" + uniqueId() + "\"}").statusCode());
        assertEquals(403, server.put("api/projects/whatever/members/jack", user).statusCode());
    }

    @Test
    void unknownProjectAndForeignProjectLookTheSame() throws Exception {
        TestServer server = new TestServer(url);
        String id = uniqueId();
        server.postJson("api/projects", admin, "{\"id\":\"" + id + "\"}");
        var foreign = server.get("api/projects/" + id, TestServer.token("kate"));
        var missing = server.get("api/projects/" + uniqueId(), TestServer.token("kate"));
        assertEquals(404, foreign.statusCode());
        assertEquals(missing.statusCode(), foreign.statusCode());
        assertEquals(missing.body(), foreign.body());
    }

    @Test
    void requiresAValidToken() throws Exception {
        TestServer server = new TestServer(url);
        var anonymous = server.get("api/projects", null);
        assertEquals(401, anonymous.statusCode());
        assertTrue(anonymous.headers().firstValue("WWW-Authenticate").orElse("").startsWith("Bearer"));
        assertEquals(401, server.get("api/projects", "not-a-token").statusCode());
    }

}
