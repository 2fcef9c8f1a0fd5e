package io.wsingest.health;

import java.util.List;

import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.SecurityContext;

import io.wsingest.config.EffectiveSettings;
import io.wsingest.rest.Authenticated;
import io.wsingest.rest.BearerAuthenticationFilter;

/** {@code GET /api/admin/settings}, for administrators: every {@code wsingest.*} setting in effect, secrets hidden. */
@Path("/api/admin/settings")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class SettingsResource {

    /** The answer: the settings by key. */
    public record Listing(List<EffectiveSettings.Setting> settings) {
    }

    @Inject
    EffectiveSettings effective;

    @Context
    SecurityContext security;

    @GET
    public Listing settings() {
        BearerAuthenticationFilter.administrator(security);
        return new Listing(effective.all());
    }
}
