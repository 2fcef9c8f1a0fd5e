package io.wsingest.rest;

import java.security.Principal;
import java.util.logging.Logger;

import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.ext.Provider;

import io.wsingest.auth.BearerToken;
import io.wsingest.auth.Identity;
import io.wsingest.auth.InvalidTokenException;
import io.wsingest.auth.TokenVerifier;
import io.wsingest.logging.LogText;

/**
 * Authenticates {@link Authenticated} resources with the same tokens and token locations as the WebSocket endpoints.
 * The caller's {@link Identity} becomes the request's principal; the admin flag becomes the role {@code admin}.
 */
@Provider
@Authenticated
@Priority(Priorities.AUTHENTICATION)
public class BearerAuthenticationFilter implements ContainerRequestFilter {

    public static final String ADMIN_ROLE = "admin";

    private static final Logger LOG = Logger.getLogger(BearerAuthenticationFilter.class.getName());

    @Inject
    TokenVerifier verifier;

    @Override
    public void filter(ContainerRequestContext request) {
        String token = BearerToken.find(request.getUriInfo().getQueryParameters(), request.getHeaders()::get).orElse(null);
        if (token == null) {
            request.abortWith(unauthorized("missing token"));
            return;
        }
        try {
            Identity identity = verifier.verify(token);
            boolean secure = request.getSecurityContext().isSecure();
            request.setSecurityContext(new IdentityContext(identity, secure));
        } catch (InvalidTokenException e) {
            LOG.info(() -> "Rejected token for " + request.getMethod() + " /"
                    + LogText.escape(request.getUriInfo().getPath())
                    + ": " + e.getMessage());
            request.abortWith(unauthorized(e.getMessage()));
        }
    }

    private static Response unauthorized(String reason) {
        return Response.status(Response.Status.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new ApiError(reason))
                .build();
    }

    /** The caller of an authenticated request. */
    public static Identity caller(SecurityContext context) {
        return ((IdentityPrincipal) context.getUserPrincipal()).identity();
    }

    /** The caller of an administrator request; anyone else gets {@code 403}. */
    public static Identity administrator(SecurityContext context) {
        Identity caller = caller(context);
        if (!caller.admin()) {
            throw new ForbiddenException(Response.status(Response.Status.FORBIDDEN)
                    .entity(new ApiError("administrator role required")).type(MediaType.APPLICATION_JSON).build());
        }
        return caller;
    }

    private record IdentityPrincipal(Identity identity) implements Principal {
        @Override
        public String getName() {
            return identity.subject();
        }
    }

    private record IdentityContext(Identity identity, boolean secure) implements SecurityContext {
        @Override
        public Principal getUserPrincipal() {
            return new IdentityPrincipal(identity);
        }

        @Override
        public boolean isUserInRole(String role) {
            return ADMIN_ROLE.equals(role) && identity.admin();
        }

        @Override
        public boolean isSecure() {
            return secure;
        }

        @Override
        public String getAuthenticationScheme() {
            return "Bearer";
        }
    }
}
