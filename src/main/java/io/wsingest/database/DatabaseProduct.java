package io.wsingest.database;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Which database the application's datasource is: the embedded H2 of a single server, or PostgreSQL. Only for the
 * rare statement that SQL does not spell the same on both (an insert that tolerates a concurrent one).
 */
@ApplicationScoped
public class DatabaseProduct {

    @Resource(lookup = SchemaMigration.DATASOURCE)
    DataSource dataSource;

    private boolean postgresql;

    @PostConstruct
    void readProduct() {
        try (Connection connection = dataSource.getConnection()) {
            postgresql = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot tell which database " + SchemaMigration.DATASOURCE + " is", e);
        }
    }

    public boolean isPostgresql() {
        return postgresql;
    }
}
