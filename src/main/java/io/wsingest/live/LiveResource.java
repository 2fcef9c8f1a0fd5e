package io.wsingest.live;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.wsingest.auth.Identity;
import io.wsingest.config.ConfigReader;
import io.wsingest.logging.LogText;
import io.wsingest.rest.ApiError;
import io.wsingest.rest.Authenticated;
import io.wsingest.rest.BearerAuthenticationFilter;

/**
 * {@code /api/live/channels}, for administrators: the relay's figures and every channel that is active or has a
 * stored key, with its live state (never a key); and setting or removing a channel's static key.
 */
@Path("/api/live/channels")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class LiveResource {

    private static final Logger LOG = Logger.getLogger(LiveResource.class.getName());

    @Inject
    LiveHub hub;

    @Inject
    DatabaseKeyStore keys;

    @Inject
    LiveSettings settings;

    @Context
    SecurityContext security;

    /** The listing: the key mode, the figures, and the channels by name. */
    public record Overview(String keyMode, LiveFigures figures, List<ChannelView> channels) {
    }

    /** One channel: its stored key's metadata (if any) and its live state. */
    public record ChannelView(
            String channel,
            boolean keyStored,
            String keyUpdatedBy,
            Instant keyUpdatedAt,
            boolean publishing,
            String streamId,
            String publisher,
            Instant startedAt,
            int receivers,
            int waitingReceivers,
            long bytesIn,
            long bytesOut,
            long bitRateIn,
            long bitRateOut,
            long cachedBytes,
            int cachedChunks) {

        static ChannelView of(String channel, Optional<DatabaseKeyStore.StoredKey> key, Optional<ChannelState> live) {
            ChannelState s = live.orElse(null);
            return new ChannelView(channel, key.isPresent(),
                    key.map(DatabaseKeyStore.StoredKey::updatedBy).orElse(null),
                    key.map(DatabaseKeyStore.StoredKey::updatedAt).orElse(null),
                    s != null && s.publishing(),
                    s == null ? null : s.streamId(),
                    s == null ? null : s.publisher(),
                    s == null ? null : s.startedAt(),
                    s == null ? 0 : s.receivers(),
                    s == null ? 0 : s.waitingReceivers(),
                    s == null ? 0 : s.bytesIn(),
                    s == null ? 0 : s.bytesOut(),
                    s == null ? 0 : s.bitRateIn(),
                    s == null ? 0 : s.bitRateOut(),
                    s == null ? 0 : s.cachedBytes(),
                    s == null ? 0 : s.cachedChunks());
        }
    }

    /** The body of a key change. */
    public record NewKey(String key) {
    }

    @GET
    public Overview list() {
        requireAdmin();
        Map<String, DatabaseKeyStore.StoredKey> stored = keys.list().stream()
                .collect(Collectors.toMap(DatabaseKeyStore.StoredKey::channel, Function.identity()));
        Map<String, ChannelState> live = hub.channels().stream()
                .collect(Collectors.toMap(ChannelState::channel, Function.identity()));
        Set<String> names = new TreeSet<>(stored.keySet());
        names.addAll(live.keySet());
        List<ChannelView> channels = new ArrayList<>();
        for (String name : names) {
            channels.add(ChannelView.of(name, Optional.ofNullable(stored.get(name)),
                    Optional.ofNullable(live.get(name))));
        }
        return new Overview(ConfigReader.settingName(settings.keyMode()), hub.figures(), channels);
    }

    @GET
    @Path("{channel}")
    public Response get(@PathParam("channel") String channel) {
        requireAdmin();
        if (!LivePath.isValidName(channel, settings.maxNameLength())) {
            return notFound();
        }
        Optional<DatabaseKeyStore.StoredKey> key = keys.find(channel);
        Optional<ChannelState> live = hub.channel(channel);
        if (key.isEmpty() && live.isEmpty()) {
            return notFound();
        }
        return Response.ok(ChannelView.of(channel, key, live)).build();
    }

    @PUT
    @Path("{channel}/key")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response putKey(@PathParam("channel") String channel, NewKey body) {
        Identity admin = requireAdmin();
        if (!LivePath.isValidName(channel, settings.maxNameLength())) {
            return badRequest("channel must be 1 to " + settings.maxNameLength() + " characters of a-z, 0-9, - and _");
        }
        if (body == null || !LivePath.isValidName(body.key(), settings.maxNameLength())) {
            return badRequest("key must be 1 to " + settings.maxNameLength() + " characters of a-z, 0-9, - and _");
        }
        boolean created = keys.put(channel, body.key(), admin.subject());
        LOG.info(() -> LogText.escape(admin.subject()) + (created ? " set" : " changed")
                + " the stream key of live channel " + LogText.escape(channel));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{channel}/key")
    public Response deleteKey(@PathParam("channel") String channel) {
        Identity admin = requireAdmin();
        if (!LivePath.isValidName(channel, settings.maxNameLength()) || !keys.delete(channel)) {
            return Response.status(Response.Status.NOT_FOUND).entity(new ApiError("no key stored for this channel"))
                    .build();
        }
        LOG.info(() -> LogText.escape(admin.subject()) + " removed the stream key of live channel "
                + LogText.escape(channel));
        return Response.noContent().build();
    }

    private Identity requireAdmin() {
        return BearerAuthenticationFilter.administrator(security);
    }

    private static Response badRequest(String message) {
        return Response.status(Response.Status.BAD_REQUEST).entity(new ApiError(message)).build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).entity(new ApiError("no such channel")).build();
    }
}
