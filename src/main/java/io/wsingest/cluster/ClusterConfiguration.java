package io.wsingest.cluster;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** Provides the cluster settings. */
@ApplicationScoped
public class ClusterConfiguration {

    private static final Logger LOG = Logger.getLogger(ClusterConfiguration.class.getName());

    @Produces
    @Singleton
    ClusterSettings clusterSettings(ConfigReader r) {
        ClusterSettings settings = ClusterSettings.from(r);
        LOG.info(() -> "Cluster: " + settings);
        return settings;
    }
}
