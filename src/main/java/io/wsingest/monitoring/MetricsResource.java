package io.wsingest.monitoring;

import java.util.List;
import java.util.logging.Logger;

import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import io.wsingest.auth.BearerToken;
import io.wsingest.auth.TokenVerifier;
import io.wsingest.logging.LogText;
import io.wsingest.metrics.Metrics;
import io.wsingest.metrics.MetricsSettings;
import io.wsingest.rest.ApiError;

/**
 * The application's metrics: {@code GET /api/metrics} in Prometheus' text format, {@code GET /api/metrics/values} as
 * JSON (for the admin page). Not at {@code /metrics}: Payara serves its own MicroProfile Metrics there, in front of
 * the application. See {@code docs/metrics.md}.
 */
@Path("/api/metrics")
public class MetricsResource {

    private static final Logger LOG = Logger.getLogger(MetricsResource.class.getName());

    /** Prometheus' text exposition format. */
    static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /** The meters' values now. */
    public record Values(List<Metrics.Reading> meters) {
    }

    @Inject
    Metrics metrics;

    @Inject
    MetricsSettings settings;

    @Inject
    TokenVerifier verifier;

    @Context
    HttpServletRequest request;

    @Context
    HttpHeaders headers;

    @Context
    UriInfo uri;

    @GET
    @Produces(PROMETHEUS_TEXT)
    public Response prometheus() {
        Response refusal = refusal();
        if (refusal != null) {
            return refusal;
        }
        return Response.ok(metrics.prometheusText().orElseThrow(), PROMETHEUS_TEXT).build();
    }

    @GET
    @Path("values")
    @Produces(MediaType.APPLICATION_JSON)
    public Response values() {
        Response refusal = refusal();
        if (refusal != null) {
            return refusal;
        }
        return Response.ok(new Values(metrics.readings()), MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** Why the request is refused, or null. */
    private Response refusal() {
        if (!metrics.enabled()) {
            return error(Response.Status.NOT_FOUND, "metrics are off (wsingest.metrics.enabled=false)");
        }
        String address = request.getRemoteAddr();
        ScrapeAccess.Decision decision = ScrapeAccess.decide(settings.allowedAddresses().contains(address),
                BearerToken.find(uri.getQueryParameters(), headers::getRequestHeader), verifier::verify);
        if (decision != ScrapeAccess.Decision.ALLOWED) {
            LOG.info(() -> "Refused metrics to " + LogText.escape(address) + ": " + decision);
        }
        return switch (decision) {
            case ALLOWED -> null;
            case TOKEN_REQUIRED -> unauthorized("an administrator's token is required from this address");
            case INVALID_TOKEN -> unauthorized("invalid token");
            case NOT_ADMIN -> error(Response.Status.FORBIDDEN, "administrator role required");
        };
    }

    private static Response unauthorized(String reason) {
        return Response.fromResponse(error(Response.Status.UNAUTHORIZED, reason))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }

    private static Response error(Response.Status status, String reason) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(reason)).build();
    }
}
