package io.wsingest.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * The user a verified token speaks for, and until when.
 *
 * @param subject   the token's {@code sub}, never blank
 * @param admin     whether the token grants the administrator role
 * @param expiresAt the token's {@code exp}: a connection it opened lives no longer than this (plus a grace)
 */
public record Identity(String subject, boolean admin, Instant expiresAt) {

    public Identity {
        if (Objects.requireNonNull(subject, "subject").isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
        Objects.requireNonNull(expiresAt, "expiresAt");
    }
}
