package io.wsingest.live;

import static io.wsingest.live.LiveClients.assertRefused;
import static io.wsingest.live.LiveClients.channel;
import static io.wsingest.live.LiveClients.chunk;
import static io.wsingest.live.LiveClients.connect;
import static io.wsingest.live.LiveClients.nextChunk;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.time.Instant;

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
import io.wsingest.testing.TestServer;
import io.wsingest.testing.WsClient;

/** Static keys: administrators set them over HTTP; publishers and receivers must present them. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class LiveStaticKeysIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.withSettings(LiveSettings.KEY_MODE + "=static");
    }

    @ArquillianResource
    URL url;

    private final String admin = TestServer.adminToken("root");

    private TestServer server() {
        return new TestServer(url);
    }

    private void setKey(String channel, String key) throws Exception {
        var response = server().putJson("api/live/channels/" + channel + "/key", admin,
                "{\"key\":\"" + key + "\"}");
        assertEquals(204, response.statusCode(), response.body());
    }

    @Test
    void onlyTheStoredKeyPublishesAndReceives() throws Exception {
        String ch = channel("static");
        setKey(ch, "stored-key-1");
        try (WsClient wrongPublisher = connect(server(), ch, "guess", "publish")) {
            assertRefused(wrongPublisher, LiveClose.INVALID_STREAMING_KEY);
        }
        try (WsClient receiver = connect(server(), ch, "stored-key-1", "receive");
             WsClient publisher = connect(server(), ch, "stored-key-1", "publish")) {
            publisher.sendBinary(chunk("keyed"));
            assertEquals("keyed", nextChunk(receiver));
            try (WsClient wrongReceiver = connect(server(), ch, "guess", "receive")) {
                assertRefused(wrongReceiver, LiveClose.INVALID_STREAMING_KEY);
            }
            JsonObject state = LiveClients.channelState(server(), ch);
            assertNotNull(state);
            assertTrue(state.getBoolean("keyStored"));
            assertTrue(state.getBoolean("publishing"));
            assertEquals("root", state.getString("keyUpdatedBy"));
            Instant.parse(state.getString("keyUpdatedAt"));
            assertFalse(LiveClients.listing(server()).toString().contains("stored-key-1"), "never the key");
            assertEquals("static", LiveClients.listing(server()).getString("keyMode"));
        }
    }

    @Test
    void aChannelWithoutAStoredKeyRefusesEveryone() throws Exception {
        try (WsClient publisher = connect(server(), channel("nokey"), "any", "publish")) {
            assertRefused(publisher, LiveClose.INVALID_STREAMING_KEY);
        }
    }

    @Test
    void changedAndRemovedKeysApplyToTheNextConnections() throws Exception {
        String ch = channel("rotate");
        setKey(ch, "old-key");
        setKey(ch, "new-key");
        try (WsClient old = connect(server(), ch, "old-key", "publish")) {
            assertRefused(old, LiveClose.INVALID_STREAMING_KEY);
        }
        try (WsClient receiver = connect(server(), ch, "new-key", "receive");
             WsClient publisher = connect(server(), ch, "new-key", "publish")) {
            publisher.sendBinary(chunk("rotated"));
            assertEquals("rotated", nextChunk(receiver));
        }
        assertEquals(204, server().delete("api/live/channels/" + ch + "/key", admin).statusCode());
        assertEquals(404, server().delete("api/live/channels/" + ch + "/key", admin).statusCode());
        try (WsClient removed = connect(server(), ch, "new-key", "publish")) {
            assertRefused(removed, LiveClose.INVALID_STREAMING_KEY);
        }
    }

    @Test
    void onlyAdministratorsManageKeysWithValidNames() throws Exception {
        String ch = channel("admin");
        assertEquals(403, server().putJson("api/live/channels/" + ch + "/key", TestServer.token("eve"),
                "{\"key\":\"mine\"}").statusCode());
        assertEquals(401, server().putJson("api/live/channels/" + ch + "/key", null,
                "{\"key\":\"mine\"}").statusCode());
        assertEquals(400, server().putJson("api/live/channels/" + ch + "/key", admin,
                "{\"key\":\"Not Valid\"}").statusCode());
        assertEquals(400, server().putJson("api/live/channels/" + ch + "/key", admin, "{}").statusCode());
        assertEquals(400, server().putJson("api/live/channels/Bad%20Name/key", admin,
                "{\"key\":\"fine\"}").statusCode());
        assertEquals(403, server().delete("api/live/channels/" + ch + "/key", TestServer.token("eve")).statusCode());
        assertEquals(404, server().get("api/live/channels/" + ch, admin).statusCode());
        setKey(ch, "fine");
        JsonObject state = LiveClients.channelState(server(), ch);
        assertTrue(state.getBoolean("keyStored"));
        assertFalse(state.getBoolean("publishing"));
    }
}
