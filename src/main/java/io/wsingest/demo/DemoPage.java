package io.wsingest.demo;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.wsingest.auth.JwtSettings;
import io.wsingest.config.ConfigReader;
import io.wsingest.rest.PageFiles;

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
            return PageFiles.notFound();
        }
        return PageFiles.trailingSlash(uri, "demo").orElseGet(() -> file("index.html"));
    }

    @GET
    @Path("{file}")
    public Response file(@PathParam("file") String name) {
        String type = PAGE_FILES.get(name);
        return type == null ? PageFiles.notFound() : serve("page/" + name, type);
    }

    @GET
    @Path("lib/{file}")
    public Response library(@PathParam("file") String name) {
        return LIBRARY_FILE.matcher(name).matches() ? serve("lib/" + name, "text/javascript; charset=UTF-8")
                                                    : PageFiles.notFound();
    }

    private Response serve(String resource, String type) {
        return enabled ? PageFiles.file(DemoPage.class, resource, type, CONTENT_SECURITY_POLICY) : PageFiles.notFound();
    }
}
