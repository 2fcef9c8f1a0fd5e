package io.wsingest.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.health.Readiness;

/**
 * {@code GET /health} (and {@code /health/ready}) on the HTTP port, for load balancers: 200 when every readiness check
 * is up, 503 otherwise, with each check's result. Anyone may ask, so a failed check says which it is and, in a few
 * words, why, but never an exception's text. The same checks answer MicroProfile Health's readiness.
 */
@Path("/health")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    /** The report: overall status and each check's. */
    public record Health(String status, Map<String, String> checks) {
    }

    @Inject
    @Readiness
    DatabaseCheck database;

    @Inject
    @Readiness
    BrokerCheck broker;

    @Inject
    @Readiness
    StorageCheck storage;

    @Inject
    @Readiness
    OcrCheck ocr;

    @GET
    public Response health() {
        Map<String, String> checks = new LinkedHashMap<>();
        boolean up = true;
        for (ComponentCheck check : List.of(database, broker, storage, ocr)) {
            ProbeResult result = check.result();
            checks.put(check.name(), result.text());
            up &= result.up();
        }
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(new Health(up ? "UP" : "DOWN", checks))
                .build();
    }

    @GET
    @Path("ready")
    public Response ready() {
        return health();
    }
}
