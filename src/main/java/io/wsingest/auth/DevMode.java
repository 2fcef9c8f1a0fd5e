package io.wsingest.auth;

/**
 * Development mode: with {@code wsingest.dev-mode=true} and no signing key configured, tokens are verified with a
 * secret that is published here, so anyone can mint one. Convenient on a laptop, never safe on a server.
 */
public final class DevMode {

    /** The published HS256 development secret; tokens signed with it prove nothing about their holder. */
    public static final String SECRET = "ws-ingest-development-secret-do-not-use-in-production";

    private DevMode() {
    }
}
