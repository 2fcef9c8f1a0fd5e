package io.wsingest.database;

import java.util.logging.Logger;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionManagement;
import jakarta.ejb.TransactionManagementType;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Brings the database schema to the version this build expects, before anything else starts. The schema is owned by
 * the versioned scripts in {@code db/migration}; Hibernate never creates or alters tables. Start-up beans that use
 * the database declare {@code @DependsOn("SchemaMigration")}.
 */
@Singleton
@Startup
@TransactionManagement(TransactionManagementType.BEAN)
public class SchemaMigration {

    /**
     * The one datasource of the application: the resource reference {@code web.xml} declares, which each server's
     * own descriptor binds to the datasource its configuration script defines.
     */
    public static final String DATASOURCE = "java:comp/env/jdbc/WsIngestDS";

    private static final Logger LOG = Logger.getLogger(SchemaMigration.class.getName());

    @Resource(lookup = DATASOURCE)
    DataSource dataSource;

    @PostConstruct
    void migrate() {
        MigrateResult result = Flyway.configure(getClass().getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .load()
                .migrate();
        String version = result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion;
        LOG.info(() -> "Database schema at version " + version
                + " (" + result.migrationsExecuted + " migrations applied now)");
    }
}
