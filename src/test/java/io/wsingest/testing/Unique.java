package io.wsingest.testing;

/**
 * Names no other test uses, on this run or an earlier one against the same server: users, projects, channels and
 * keys start with empty quotas, lists and limits.
 */
public final class Unique {

    private Unique() {
    }

    /** The prefix followed by the clock in base 36, e.g. {@code alice-1x9k2m3}. */
    public static String name(String prefix) {
        return prefix + Long.toString(System.nanoTime(), 36);
    }
}
