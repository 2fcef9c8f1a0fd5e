package io.wsingest.health;

import java.io.IOException;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.wsingest.database.SchemaMigration;
import io.wsingest.events.UploadEventPublisher;
import io.wsingest.logging.Incident;
import io.wsingest.storage.BlobStore;
import io.wsingest.storage.StorageSettings;

/**
 * {@code GET /health} (and {@code /health/ready}): 200 when the database, the broker and the blob store all work,
 * 503 otherwise, with each check's result, for operators and load balancers.
 */
@Path("/health")
@Produces(MediaType.APPLICATION_JSON)
public class HealthResource {

    private static final Logger LOG = Logger.getLogger(HealthResource.class.getName());

    /** The report: overall status and each check's. */
    public record Health(String status, Map<String, String> checks) {
    }

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = UploadEventPublisher.TOPIC)
    Topic topic;

    @Inject
    BlobStore blobs;

    @Inject
    StorageSettings storage;

    @GET
    public Response health() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", check("database", this::database));
        checks.put("broker", check("broker", this::broker));
        checks.put("storage", check("storage", this::storage));
        boolean up = checks.values().stream().allMatch("UP"::equals);
        return Response.status(up ? Response.Status.OK : Response.Status.SERVICE_UNAVAILABLE)
                .entity(new Health(up ? "UP" : "DOWN", checks))
                .build();
    }

    @GET
    @Path("ready")
    public Response ready() {
        return health();
    }

    interface Check {
        String run() throws Exception;
    }

    /**
     * The check's result; a failure is {@code DOWN (ref 7f3a9c01)}. {@code /health} answers anyone, so the exception's
     * text (JDBC URLs, SQL, paths, broker addresses) goes only to the log, under the reference.
     */
    static String check(String name, Check check) {
        try {
            return check.run();
        } catch (Exception e) {
            return "DOWN (ref " + Incident.log(LOG, "Health check " + name + " failed", e).ref() + ")";
        }
    }

    private String database() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2) ? "UP" : "DOWN: connection not valid";
        }
    }

    private String broker() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createConsumer(topic).close();
            return "UP";
        }
    }

    private String storage() throws IOException {
        long free = blobs.usableSpace();
        return free >= storage.minFreeBytes() ? "UP" : "DOWN: " + free + " bytes free, below the minimum";
    }
}
