package io.wsingest.galileo;

import java.util.concurrent.Executor;
import java.util.logging.Logger;

import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/**
 * Provides the GalileoSend settings, read and checked once when the application starts, and the executor that writes
 * its files.
 */
@ApplicationScoped
public class GalileoConfiguration {

    private static final Logger LOG = Logger.getLogger(GalileoConfiguration.class.getName());

    /** The server's default managed executor: its pool settings apply, and tasks run with the application's context. */
    @Resource
    ManagedExecutorService executor;

    /** Runs the write-behind of every connection, one short task per burst of chunks (no thread per connection). */
    Executor writers() {
        return executor;
    }

    @Produces
    @Singleton
    GalileoSettings galileoSettings(ConfigReader r) {
        GalileoSettings settings = GalileoSettings.from(r);
        LOG.fine(() -> "GalileoSend uploads use " + settings);
        return settings;
    }
}
