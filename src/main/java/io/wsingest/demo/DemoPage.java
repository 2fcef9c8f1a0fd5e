package io.wsingest.demo;

import java.io.InputStream;
import java.net.URI;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.wsingest.auth.JwtSettings;
import io.wsingest.config.ConfigReader;

/**
 * The demonstration page {@code /demo/}: its own files and, under {@code lib/}, the client kit's modules, which the
 * build copies from {@code clients/js/src} into the WAR's class path, so the page runs the one copy of the library.
 * It exists only in development mode ({@code wsingest.dev-mode=true}); otherwise every path answers 404, as if the
 * page were not there.
 */
@Path("/demo")
@ApplicationScoped
public class DemoPage {

    private static final Map<String, String> PAGE_FILES = Map.of(
            "index.html", "text/html; charset=UTF-8",
            "demo.js", "text/javascript; charset=UTF-8",
            "demo.css", "text/css; charset=UTF-8");

    /** The kit's module names: letters only, so no path reaches beyond {@code lib/}. */
    private static final Pattern LIBRARY_FILE = Pattern.compile("[a-z]+\\.js");

    /**
     * Only the WAR's own scripts and styles; the sockets and REST calls go to this server; the camera's stream plays
     * from a Media Source object URL ({@code blob:}).
     */
    private static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self';"
            + " connect-src 'self'; img-src 'self'; media-src blob:; base-uri 'none'; form-action 'none';"
            + " frame-ancestors 'none'";

    @Inject
    ConfigReader settings;

    private boolean enabled;

    @PostConstruct
    void readSettings() {
        enabled = settings.bool(JwtSettings.DEV_MODE, false);
    }

    @GET
    public Response page(@Context UriInfo uri) {
        if (!enabled) {
            return notFound();
        }
        // The page's relative links (demo.js, lib/…) need the trailing slash.
        if (!uri.getRequestUri().getPath().endsWith("/")) {
            return Response.seeOther(URI.create("demo/")).build();
        }
        return file("index.html");
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String name) {
        String type = PAGE_FILES.get(name);
        return type == null ? notFound() : serve("page/" + name, type);
    }

    @GET
    @Path("lib/{file}")
    public Response library(@PathParam("file") String name) {
        return LIBRARY_FILE.matcher(name).matches() ? serve("lib/" + name, "text/javascript; charset=UTF-8")
                                                    : notFound();
    }

    private Response serve(String resource, String type) {
        InputStream content = enabled ? DemoPage.class.getResourceAsStream(resource) : null;
        if (content == null) {
            return notFound();
        }
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        return Response.ok(content, type)
                .cacheControl(revalidate)
                .header("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    private static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).build();
    }
}
