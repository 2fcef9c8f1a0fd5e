package io.wsingest.admin;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.wsingest.rest.Authenticated;
import io.wsingest.rest.BearerAuthenticationFilter;

/** {@code GET /api/admin/figures}, for administrators: one sample of the figures, which the operator page charts. */
@Path("/api/admin/figures")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class FiguresResource {

    @Inject
    AdminFigures figures;

    @Context
    SecurityContext security;

    @GET
    public Figures get() {
        BearerAuthenticationFilter.administrator(security);
        return figures.sample();
    }
}
