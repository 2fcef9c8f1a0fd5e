package io.wsingest.projects;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;

import io.wsingest.rest.ApiError;
import io.wsingest.rest.Authenticated;
import io.wsingest.rest.BearerAuthenticationFilter;
import io.wsingest.rest.ByteRange;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.FileCatalog;
import io.wsingest.storage.StoredFile;

/**
 * {@code /api/projects/{id}/files}: a project's media files, whatever protocol stored them, for its members and for
 * administrators; the content is downloaded with HTTP range requests, streamed from the blob store. A project the
 * caller may not see, and a file not in the project, answer 404 like ones that do not exist.
 */
@Path("/api/projects/{id}/files")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProjectFileResource {

    private static final int COPY_BUFFER_BYTES = 64 * 1024;

    @Inject
    ProjectAccess access;

    @Inject
    FileCatalog files;

    @Inject
    BlobStore blobs;

    @Context
    SecurityContext security;

    /** The wire form of a stored file. */
    public record MediaFileView(String id, String fileName, long size, String sha256, String ownerId, String source,
                                Instant createdAt) {
        static MediaFileView of(StoredFile f) {
            return new MediaFileView(f.getId(), f.getFileName(), f.getSize(), f.getSha256(), f.getOwnerId(),
                    f.getSource().name(), f.getCreatedAt());
        }
    }

    @GET
    public List<MediaFileView> list(@PathParam("id") String projectId) {
        requireVisible(projectId);
        return files.listByProject(projectId).stream().map(MediaFileView::of).toList();
    }

    @GET
    @Path("{fileId}")
    public MediaFileView get(@PathParam("id") String projectId, @PathParam("fileId") String fileId) {
        return MediaFileView.of(file(projectId, fileId));
    }

    /** The file's bytes; one range of them with {@code Range: bytes=...} (206), or 416 past the end. */
    @GET
    @Path("{fileId}/content")
    @Produces(MediaType.WILDCARD)
    public Response content(@PathParam("id") String projectId, @PathParam("fileId") String fileId,
                            @HeaderParam("Range") String range) throws IOException {
        StoredFile file = file(projectId, fileId);
        if (blobs.find(file.getSha256()).isEmpty()) {
            throw ApiError.notFound("no such file");
        }
        long size = file.getSize();
        ByteRange.Request request = ByteRange.parse(range, size);
        if (request instanceof ByteRange.Unsatisfiable) {
            return Response.status(Response.Status.REQUESTED_RANGE_NOT_SATISFIABLE)
                    .header("Content-Range", "bytes */" + size)
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(new ApiError("range not satisfiable: the file has " + size + " bytes"))
                    .build();
        }
        Response.ResponseBuilder response;
        long first = 0;
        long length = size;
        if (request instanceof ByteRange.Part part) {
            first = part.range().first();
            length = part.range().length();
            response = Response.status(Response.Status.PARTIAL_CONTENT)
                    .header("Content-Range", part.range().contentRange(size));
        } else {
            response = Response.ok();
        }
        return response
                .entity(stream(file.getSha256(), first, length))
                .type(MediaType.APPLICATION_OCTET_STREAM_TYPE)
                .header(HttpHeaders.CONTENT_LENGTH, length)
                .header("Accept-Ranges", "bytes")
                .header(HttpHeaders.ETAG, "\"" + file.getSha256() + "\"")
                .header("Content-Disposition", "attachment; filename*=UTF-8''"
                        + URLEncoder.encode(file.getFileName(), StandardCharsets.UTF_8).replace("+", "%20"))
                .build();
    }

    /** Copies {@code length} bytes from {@code first} through a small buffer: never the whole file in memory. */
    private StreamingOutput stream(String sha256, long first, long length) {
        return out -> {
            try (SeekableByteChannel in = blobs.open(sha256)) {
                in.position(first);
                copy(in, out, length);
            }
        };
    }

    private static void copy(SeekableByteChannel in, OutputStream out, long length) throws IOException {
        WritableByteChannel target = Channels.newChannel(out);
        ByteBuffer buffer = ByteBuffer.allocate(COPY_BUFFER_BYTES);
        for (long left = length; left > 0; ) {
            buffer.clear().limit((int) Math.min(buffer.capacity(), left));
            int read = in.read(buffer);
            if (read < 0) {
                throw new IOException("The stored file ended " + left + " bytes early");
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                target.write(buffer);
            }
            left -= read;
        }
    }

    private StoredFile file(String projectId, String fileId) {
        requireVisible(projectId);
        Optional<StoredFile> file = files.find(fileId).filter(f -> projectId.equals(f.getProjectId()));
        return file.orElseThrow(() -> ApiError.notFound("no such file"));
    }

    private void requireVisible(String projectId) {
        if (!access.mayView(BearerAuthenticationFilter.caller(security), projectId)) {
            throw ApiError.notFound("no such project");
        }
    }
}
