package io.wsingest.live;

/**
 * The three path segments of a connection, validated: "Both {@code CHANNEL} and {@code KEY} are restricted to
 * letters {@code a-z}, numbers {@code 0-9}, dashes {@code -} and underscores {@code _}", each at most the configured
 * length.
 */
public record LivePath(String channel, String key, ConnectionKind kind) {

    /** Parses the segments as the container decoded them; the first invalid one (channel, key, kind) is reported. */
    public static LivePath parse(String channel, String key, String kind, int maxNameLength) throws LiveRefusal {
        if (!isValidName(channel, maxNameLength)) {
            throw new LiveRefusal(LiveClose.INVALID_CHANNEL, null);
        }
        if (!isValidName(key, maxNameLength)) {
            throw new LiveRefusal(LiveClose.INVALID_KEY, null);
        }
        ConnectionKind parsed = ConnectionKind.fromWire(kind)
                .orElseThrow(() -> new LiveRefusal(LiveClose.INVALID_KIND, null));
        return new LivePath(channel, key, parsed);
    }

    /** 1 to {@code maxLength} characters of {@code a-z 0-9 - _}. */
    public static boolean isValidName(String name, int maxLength) {
        if (name == null || name.isEmpty() || name.length() > maxLength) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }
}
