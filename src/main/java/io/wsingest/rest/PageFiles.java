package io.wsingest.rest;

import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * The static files of a page the WAR serves from its class path (the operator page, the demonstration page): always
 * revalidated, and with headers that keep injected markup from running, the page from being framed, and a file from
 * being taken for another type.
 */
public final class PageFiles {

    private PageFiles() {
    }

    /**
     * The page's address without its trailing slash: a redirect to the address with it, which the page's relative
     * links need; empty when the request has it.
     */
    public static Optional<Response> trailingSlash(UriInfo uri, String page) {
        return uri.getRequestUri().getPath().endsWith("/")
                ? Optional.empty()
                : Optional.of(Response.seeOther(URI.create(page + "/")).build());
    }

    /** The class-path resource {@code name} beside {@code base}, or 404 when there is none. */
    public static Response file(Class<?> base, String name, String type, String contentSecurityPolicy) {
        InputStream content = base.getResourceAsStream(name);
        if (content == null) {
            return notFound();
        }
        CacheControl revalidate = new CacheControl();
        revalidate.setNoCache(true);
        return Response.ok(content, type)
                .cacheControl(revalidate)
                .header("Content-Security-Policy", contentSecurityPolicy)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .build();
    }

    public static Response notFound() {
        return Response.status(Response.Status.NOT_FOUND).build();
    }
}
