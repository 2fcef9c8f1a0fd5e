package io.wsingest.auth;

import java.util.Objects;

/**
 * The user a verified token speaks for.
 *
 * @param subject the token's {@code sub}, never blank
 * @param admin   whether the token grants the administrator role
 */
public record Identity(String subject, boolean admin) {

    public Identity {
        if (Objects.requireNonNull(subject, "subject").isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }
}
