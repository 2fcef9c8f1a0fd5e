package io.wsingest.projects;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import io.wsingest.auth.Identity;
import io.wsingest.logging.LogText;
import io.wsingest.rest.ApiError;
import io.wsingest.rest.Authenticated;
import io.wsingest.rest.BearerAuthenticationFilter;

/**
 * {@code /api/projects}: administrators create and delete projects and manage members; every user can list the
 * projects they belong to. A project that does not exist and one the caller may not see both answer 404.
 */
@Path("/api/projects")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class ProjectResource {

    private static final Logger LOG = Logger.getLogger(ProjectResource.class.getName());

    @Inject
    ProjectService projects;

    @Context
    SecurityContext security;

    /** The wire form of a project. */
    public record ProjectView(String id, String name, String createdBy, Instant createdAt, Set<String> members) {
        static ProjectView of(Project p) {
            return new ProjectView(p.getId(), p.getName(), p.getCreatedBy(), p.getCreatedAt(), new TreeSet<>(p.getMembers()));
        }
    }

    /** The body of a create request. */
    public record NewProject(String id, String name) {
    }

    @GET
    public List<ProjectView> list() {
        Identity caller = caller();
        List<Project> visible = caller.admin() ? projects.listAll() : projects.listForMember(caller.subject());
        return visible.stream().map(ProjectView::of).toList();
    }

    @GET
    @Path("{id}")
    public Response get(@PathParam("id") String id) {
        Identity caller = caller();
        return projects.find(id)
                .filter(p -> caller.admin() || p.getMembers().contains(caller.subject()))
                .map(p -> Response.ok(ProjectView.of(p)).build())
                .orElseGet(ProjectResource::notFound);
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    public Response create(NewProject request) {
        Identity admin = requireAdmin();
        if (request == null || !ProjectIds.isValid(request.id())) {
            return Response.status(Response.Status.BAD_REQUEST)
                    .entity(new ApiError("id must be 1 to 64 characters of a-z, 0-9, - and _")).build();
        }
        return projects.create(request.id(), request.name(), admin.subject())
                .map(p -> {
                    LOG.info(() -> LogText.escape(admin.subject()) + " created project " + LogText.escape(p.getId()));
                    return Response.created(URI.create("/api/projects/" + p.getId())).entity(ProjectView.of(p)).build();
                })
                .orElseGet(() -> Response.status(Response.Status.CONFLICT)
                        .entity(new ApiError("project " + request.id() + " already exists")).build());
    }

    @DELETE
    @Path("{id}")
    public Response delete(@PathParam("id") String id) {
        Identity admin = requireAdmin();
        if (!projects.delete(id)) {
            return notFound();
        }
        LOG.info(() -> LogText.escape(admin.subject()) + " deleted project " + LogText.escape(id));
        return Response.noContent().build();
    }

    @PUT
    @Path("{id}/members/{user}")
    public Response addMember(@PathParam("id") String id, @PathParam("user") String user) {
        Identity admin = requireAdmin();
        if (!projects.addMember(id, user)) {
            return notFound();
        }
        LOG.info(() -> LogText.escape(admin.subject()) + " added " + LogText.escape(user) + " to project "
                + LogText.escape(id));
        return Response.noContent().build();
    }

    @DELETE
    @Path("{id}/members/{user}")
    public Response removeMember(@PathParam("id") String id, @PathParam("user") String user) {
        Identity admin = requireAdmin();
        if (!projects.removeMember(id, user)) {
            return notFound();
        }
        LOG.info(() -> LogText.escape(admin.subject()) + " removed " + LogText.escape(user) + " from project "
                + LogText.escape(id));
        return Response.noContent().build();
    }

    private Identity caller() {
        return BearerAuthenticationFilter.caller(security);
    }

    private Identity requireAdmin() {
        return BearerAuthenticationFilter.administrator(security);
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).entity(new ApiError("no such project")).build();
    }
}
