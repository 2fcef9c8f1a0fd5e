package io.wsingest.upload;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import io.wsingest.storage.Sha256;

/**
 * Deployed only by the stream tests, in place of protocol E: records what each live channel was sent (how many bytes,
 * their SHA-256, how many publications were opened and closed), and shows it at {@code GET /test/live/{channel}}.
 */
@ApplicationScoped
@Path("/test/live")
public class RecordingLiveRelay implements LiveRelay {

    /** What a channel received. */
    public record Channel(long bytes, String sha256, int opened, int closed) {
    }

    private static final class Recording {
        final MessageDigest digest = Sha256.newDigest();
        long bytes;
        int opened;
        int closed;
    }

    private final Map<String, Recording> channels = new ConcurrentHashMap<>();

    @Override
    public LivePublication open(String channel) {
        Recording recording = channels.computeIfAbsent(channel, c -> new Recording());
        synchronized (recording) {
            recording.opened++;
        }
        return new LivePublication() {
            @Override
            public void publish(ByteBuffer chunk) {
                synchronized (recording) {
                    recording.bytes += chunk.remaining();
                    recording.digest.update(chunk);
                }
            }

            @Override
            public void close() {
                synchronized (recording) {
                    recording.closed++;
                }
            }
        };
    }

    @GET
    @Path("{channel}")
    @Produces(MediaType.APPLICATION_JSON)
    public Channel channel(@PathParam("channel") String channel) throws CloneNotSupportedException {
        Recording recording = channels.getOrDefault(channel, new Recording());
        synchronized (recording) {
            String sha256 = Sha256.hex((MessageDigest) recording.digest.clone());
            return new Channel(recording.bytes, sha256, recording.opened, recording.closed);
        }
    }
}
