package io.wsingest.projects;

import java.util.regex.Pattern;

/**
 * The form of a project id. Lower-case letters, digits, {@code -} and {@code _} only, at most 64 characters, so that
 * a project's live channel {@code project-{id}} is a valid channel name of the live streaming protocol.
 */
public final class ProjectIds {

    private static final Pattern VALID = Pattern.compile("[a-z0-9_-]{1,64}");

    private ProjectIds() {
    }

    public static boolean isValid(String id) {
        return id != null && VALID.matcher(id).matches();
    }
}
