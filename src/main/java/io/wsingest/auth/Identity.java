package io.wsingest.auth;

import java.util.Objects;

/**
 * The user a verified token speaks for.
 *
 * @param subject the token's {@code sub}, never blank
 * @param admin   whether the token grants the administrator role
 */
public record Identity(String subject, boolean admin) {

    /**
     * The longest subject, in characters: the database keeps user ids in {@code VARCHAR(255)} columns (owners,
     * project members, uploads), so a longer one could only fail later, deep inside a protocol.
     */
    public static final int MAX_SUBJECT_LENGTH = 255;

    public Identity {
        if (Objects.requireNonNull(subject, "subject").isBlank()) {
            throw new IllegalArgumentException("subject must not be blank");
        }
    }
}
