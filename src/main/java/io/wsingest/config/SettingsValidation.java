package io.wsingest.config;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Instance;

/**
 * Creates every settings group when the application starts, so an invalid value fails the deployment, and then logs
 * the effective settings once (secrets hidden), so the log shows what each deployment ran with.
 */
@ApplicationScoped
public class SettingsValidation {

    private static final Logger LOG = Logger.getLogger(SettingsValidation.class.getName());

    void validateAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event, @Any Instance<Settings> all,
                           EffectiveSettings effective) {
        for (Settings settings : all) {
            LOG.fine(() -> "Validated settings " + settings.getClass().getSimpleName());
        }
        LOG.info(() -> "Effective settings: " + effective.describe());
    }
}
