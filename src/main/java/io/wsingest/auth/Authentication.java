package io.wsingest.auth;

import java.util.Objects;

import jakarta.websocket.Session;

/**
 * What the handshake found out about a WebSocket connection's user. {@link WebSocketAuthenticator} stores it in the
 * connection's user properties; an endpoint reads it with {@link #of(Session)} in {@code @OnOpen}, takes its
 * {@link #identity()}, and closes a connection that has none with its protocol's own close code and the
 * {@link #rejection()}.
 */
public sealed interface Authentication permits Authentication.Authenticated, Authentication.Rejected {

    /** The user property holding the outcome. */
    String USER_PROPERTY = Authentication.class.getName();

    /** The user the token speaks for; null when there was no valid token. */
    Identity identity();

    /** Why there is no user, safe to send to the client; null when the token was valid. */
    String rejection();

    /** The token was valid. */
    record Authenticated(Identity identity) implements Authentication {

        public Authenticated {
            Objects.requireNonNull(identity, "identity");
        }

        @Override
        public String rejection() {
            return null;
        }
    }

    /**
     * There was no valid token.
     *
     * @param reason a short reason safe to send to the client, such as "missing token" or "token expired"
     */
    record Rejected(String reason) implements Authentication {

        /** No token in the handshake at all. */
        public static final Rejected MISSING_TOKEN = new Rejected("missing token");

        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }

        @Override
        public Identity identity() {
            return null;
        }

        @Override
        public String rejection() {
            return reason;
        }
    }

    /** The outcome stored for {@code session}'s handshake; none counts as {@link Rejected#MISSING_TOKEN}. */
    static Authentication of(Session session) {
        return session.getUserProperties().get(USER_PROPERTY) instanceof Authentication outcome
                ? outcome
                : Rejected.MISSING_TOKEN;
    }
}
