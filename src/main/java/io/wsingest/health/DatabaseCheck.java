package io.wsingest.health;

import java.sql.Connection;

import javax.sql.DataSource;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.health.Readiness;

import io.wsingest.database.SchemaMigration;

/** The application's datasource gives a valid connection. */
@Readiness
@ApplicationScoped
public class DatabaseCheck extends ComponentCheck {

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    @Override
    public String name() {
        return "database";
    }

    @Override
    protected ProbeResult probe() throws Exception {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2) ? ProbeResult.UP : ProbeResult.down("connection not valid");
        }
    }
}
