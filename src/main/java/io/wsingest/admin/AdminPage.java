package io.wsingest.admin;

import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.wsingest.rest.PageFiles;

/**
 * The operator page's three static files, {@code /admin/} and the script and style beside it, served from the WAR's
 * class path. The REST application is mapped at the context root, so the container's own file serving never sees
 * these paths. The files carry no data and need no token: the page asks for one and sends it with its own requests,
 * which {@code /api/...} checks.
 */
@Path("/admin")
public class AdminPage {

    private static final Map<String, String> FILES = Map.of(
            "index.html", "text/html; charset=UTF-8",
            "admin.js", "text/javascript; charset=UTF-8",
            "admin.css", "text/css; charset=UTF-8");

    /**
     * Only the WAR's own script and style, no inline code, no framing: the token the page keeps is worth stealing,
     * and this keeps any injected markup from running or the page from being overlaid.
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @Context
    UriInfo uri;

    @GET
    public Response page() {
        return PageFiles.trailingSlash(uri, "admin").orElseGet(() -> file("index.html"));
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String name) {
        String type = FILES.get(name);
        return type == null ? PageFiles.notFound()
                : PageFiles.file(AdminPage.class, "page/" + name, type, CONTENT_SECURITY_POLICY);
    }
}
