package io.wsingest.upload;

import java.io.IOException;
import java.time.Instant;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.json.bind.annotation.JsonbNillable;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.wsingest.auth.Identity;
import io.wsingest.logging.LogText;
import io.wsingest.projects.ProjectAccess;
import io.wsingest.rest.ApiError;
import io.wsingest.rest.Authenticated;
import io.wsingest.rest.BearerAuthenticationFilter;

/**
 * {@code /api/projects/{id}/upload}: the project's resumable upload chain. Members and administrators see it and
 * destroy it, so that a new upload can start. A project the caller may not see answers 404 like one that does not
 * exist.
 */
@Path("/api/projects/{id}/upload")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private static final Logger LOG = Logger.getLogger(UploadResource.class.getName());

    @Inject
    ChainService chains;

    @Inject
    ProjectAccess access;

    @Inject
    UploadSettings settings;

    @Context
    SecurityContext security;

    /**
     * The wire form of an upload chain.
     *
     * @param state             {@code IN_PROGRESS}, {@code COMPLETED}, {@code FAILED} or {@code EXPIRED} (also for
     *                          an upload whose restore window has passed but the cleaner has not run yet)
     * @param currentFileOffset bytes durably stored
     * @param connected         whether a connection is uploading (as of its last recorded progress)
     * @param fileId            the stored media file, once completed with {@code saveMedia}
     * @param restorableUntil   when an interrupted upload expires; null while connected or finished
     */
    @JsonbNillable
    public record UploadView(String uploadId, String state, String fileName, Long totalFileSize,
                             long currentFileOffset, boolean saveMedia, String startedBy, boolean connected,
                             String fileId, String failure, Instant createdAt, Instant updatedAt,
                             Instant restorableUntil) {
    }

    @GET
    public UploadView get(@PathParam("id") String projectId) {
        requireVisible(projectId);
        UploadChain chain = chains.find(projectId).orElseThrow(() -> ApiError.notFound("no upload in this project"));
        return view(chain, chains.now());
    }

    @DELETE
    public Response destroy(@PathParam("id") String projectId) throws IOException {
        Identity caller = requireVisible(projectId);
        UploadChain chain = chains.destroy(projectId).orElseThrow(() -> ApiError.notFound("no upload in this project"));
        LOG.info(() -> LogText.escape(caller.subject()) + " destroyed upload " + chain.uploadId() + " of project "
                + LogText.escape(projectId) + " ("
                + chain.state() + ", " + chain.durableOffset() + " bytes)");
        return Response.noContent().build();
    }

    private UploadView view(UploadChain chain, Instant now) {
        boolean inProgress = chain.state() == UploadState.IN_PROGRESS;
        boolean expired = chain.expiredAt(now, settings.restoreWindow());
        // A connection records progress every heartbeat, or is closed after the idle timeout: an owner that has
        // been silent for longer is a leftover of a server that stopped.
        Instant lastSignOfLife = now.minus(settings.idleTimeout()).minus(settings.heartbeat().multipliedBy(2));
        boolean connected = inProgress && !expired && chain.ownerConnection() != null
                && chain.updatedAt().isAfter(lastSignOfLife);
        Instant restorableUntil = inProgress && !expired && !connected
                ? chain.updatedAt().plus(settings.restoreWindow()) : null;
        return new UploadView(chain.uploadId(), expired ? UploadState.EXPIRED.name() : chain.state().name(),
                chain.fileName(), chain.totalSize(), chain.durableOffset(), chain.saveMedia(), chain.startedBy(),
                connected, chain.storedFileId(), chain.failure(), chain.createdAt(), chain.updatedAt(),
                restorableUntil);
    }

    private Identity requireVisible(String projectId) {
        Identity caller = BearerAuthenticationFilter.caller(security);
        if (!access.mayView(caller, projectId)) {
            throw ApiError.notFound("no such project");
        }
        return caller;
    }
}
