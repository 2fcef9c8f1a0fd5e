package io.wsingest.auth;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** Provides the JWT settings and the one {@link TokenVerifier}, and warns when they let anyone or no one in. */
@ApplicationScoped
public class AuthConfiguration {

    private static final Logger LOG = Logger.getLogger(AuthConfiguration.class.getName());

    @Produces
    @Singleton
    JwtSettings jwtSettings(ConfigReader r) {
        JwtSettings settings = JwtSettings.from(r);
        if (settings.usesDevelopmentSecret()) {
            LOG.warning("The server is in development mode and accepts tokens signed with the published development"
                    + " secret: anyone can sign in as anyone. Configure " + JwtSettings.SECRET + ", "
                    + JwtSettings.PUBLIC_KEY + " or " + JwtSettings.JWKS_URL + " for any real use.");
        } else if (!settings.hasKeySource()) {
            LOG.warning("No token signing key is configured, so every token will be rejected. Configure "
                    + JwtSettings.SECRET + ", " + JwtSettings.PUBLIC_KEY + " or " + JwtSettings.JWKS_URL
                    + " (or set " + JwtSettings.DEV_MODE + "=true on a development machine).");
        }
        LOG.info(() -> "Bearer tokens are verified with " + settings);
        return settings;
    }

    @Produces
    @Singleton
    TokenVerifier tokenVerifier(JwtSettings s) {
        return new TokenVerifier(s);
    }
}
