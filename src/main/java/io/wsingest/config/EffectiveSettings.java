package io.wsingest.config;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import io.wsingest.logging.LogText;

/**
 * Every {@code wsingest.*} setting the application has read, with the value it uses, for the log and for
 * administrators. The list is whatever the settings records read through a {@link ConfigReader} wired to
 * {@link #record}, so a new setting appears without being listed anywhere. Secrets are never kept: a setting whose
 * name ends in {@code secret}, {@code password}, {@code key} or {@code keys} ({@code wsingest.jwt.secret},
 * {@code wsingest.jwt.public-key}) is held as {@link #HIDDEN}, and a URL's user information is cut from its value.
 */
public final class EffectiveSettings {

    /** What a secret's value reads as. */
    public static final String HIDDEN = "(hidden)";

    private static final Pattern SECRET_NAME = Pattern.compile(".*(secret|password|key|keys)$");
    private static final Pattern URL_USER_INFO = Pattern.compile("(?<=://)[^/@\\s]*@");

    /**
     * One setting as the application uses it.
     *
     * @param value      the effective value as text, null when neither configured nor defaulted; {@link #HIDDEN}
     *                   for a secret that is set
     * @param configured whether it was configured (false: the default applies)
     * @param hidden     whether it is a secret, whose value is never shown
     */
    public record Setting(String key, String value, boolean configured, boolean hidden) {
    }

    private final Map<String, Setting> settings = new ConcurrentSkipListMap<>();

    /** A {@link ConfigReader.Listener}: the last read of a key wins (a typed read after the raw one it made). */
    public void record(String key, Optional<String> configured, Object value) {
        boolean hidden = isSecret(key);
        String text = value == null ? null : hidden ? HIDDEN : withoutUserInfo(value.toString());
        settings.put(key, new Setting(key, text, configured.isPresent(), hidden));
    }

    /** The settings by key. */
    public List<Setting> all() {
        return List.copyOf(settings.values());
    }

    /**
     * Every setting as {@code key = value}, {@code (default)} after those not configured, separated by {@code ; }: one
     * line for the log, values escaped like everything else the application logs.
     */
    public String describe() {
        return settings.values().stream()
                .map(s -> s.key() + " = " + (s.value() == null ? "(not set)" : LogText.escape(s.value()))
                        + (s.configured() ? "" : " (default)"))
                .collect(Collectors.joining("; "));
    }

    static boolean isSecret(String key) {
        String name = key.substring(key.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return SECRET_NAME.matcher(name).matches();
    }

    private static String withoutUserInfo(String value) {
        return URL_USER_INFO.matcher(value).replaceFirst(HIDDEN + "@");
    }
}
