package io.wsingest.rest;

import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The body of every error response of the HTTP API. */
public record ApiError(String error) {

    /** A 404 with this body, to throw from a resource method. */
    public static NotFoundException notFound(String error) {
        return new NotFoundException(Response.status(Response.Status.NOT_FOUND)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(error))
                .build());
    }
}
