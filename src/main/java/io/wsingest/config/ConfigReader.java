package io.wsingest.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Typed, validated access to {@code wsingest.*} settings over any source of raw strings (MicroProfile Config in the
 * server, a map in tests). Every failure is an {@link InvalidSettingException} naming the key, so a bad value stops
 * deployment with a message an operator can act on.
 */
public final class ConfigReader {

    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(|B|K|KB|KIB|M|MB|MIB|G|GB|GIB)");

    /** Told of every setting read and the value the application takes from it: how the effective settings are known. */
    @FunctionalInterface
    public interface Listener {

        /**
         * @param configured the value as configured, empty when the default applies
         * @param value      what the application uses: the parsed value, or the default; null when neither is set
         */
        void read(String key, Optional<String> configured, Object value);
    }

    private final Function<String, Optional<String>> source;
    private final Listener listener;

    public ConfigReader(Function<String, Optional<String>> source) {
        this(source, (key, configured, value) -> { });
    }

    public ConfigReader(Function<String, Optional<String>> source, Listener listener) {
        this.source = source;
        this.listener = listener;
    }

    /** The raw value, blank treated as absent (an empty environment variable means "not set"). */
    public Optional<String> optionalString(String key) {
        Optional<String> raw = raw(key);
        told(key, raw, raw.orElse(null));
        return raw;
    }

    public String string(String key, String defaultValue) {
        Optional<String> raw = raw(key);
        return told(key, raw, raw.orElse(defaultValue));
    }

    public boolean bool(String key, boolean defaultValue) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return told(key, raw, defaultValue);
        }
        return told(key, raw, switch (raw.get().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new InvalidSettingException(key, raw.get(), "must be true or false");
        });
    }

    public int intInRange(String key, int defaultValue, int min, int max) {
        return (int) longInRange(key, defaultValue, min, max);
    }

    public long longInRange(String key, long defaultValue, long min, long max) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return told(key, raw, defaultValue);
        }
        String expectation = "must be a whole number between " + min + " and " + max;
        try {
            return told(key, raw, requireRange(key, raw.get(), Long.parseLong(raw.get()), min, max, expectation));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, raw.get(), expectation);
        }
    }

    /** A duration given in whole seconds. */
    public Duration seconds(String key, long defaultSeconds, long minSeconds, long maxSeconds) {
        return Duration.ofSeconds(longInRange(key, defaultSeconds, minSeconds, maxSeconds));
    }

    /** A byte count: a plain number or one with a binary unit ({@code 64KiB}, {@code 256MiB}, {@code 1GiB}). */
    public long bytes(String key, long defaultBytes, long min, long max) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return told(key, raw, defaultBytes);
        }
        String expectation = "must be a byte count between " + min + " and " + max
                + " (a number, optionally with KiB, MiB or GiB)";
        Matcher m = SIZE.matcher(raw.get().toUpperCase(Locale.ROOT));
        if (!m.matches()) {
            throw new InvalidSettingException(key, raw.get(), expectation);
        }
        int shift = switch (m.group(2)) {
            case "K", "KB", "KIB" -> 10;
            case "M", "MB", "MIB" -> 20;
            case "G", "GB", "GIB" -> 30;
            default -> 0;
        };
        try {
            long number = Long.parseLong(m.group(1));
            if (number > (Long.MAX_VALUE >> shift)) {
                throw new InvalidSettingException(key, raw.get(), expectation);
            }
            return told(key, raw, requireRange(key, raw.get(), number << shift, min, max, expectation));
        } catch (NumberFormatException e) {
            throw new InvalidSettingException(key, raw.get(), expectation);
        }
    }

    /** One of an enum's constants, written in lower case with dashes ({@code little-endian}). */
    public <E extends Enum<E>> E choice(String key, E defaultValue) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            told(key, raw, settingName(defaultValue));
            return defaultValue;
        }
        E[] constants = defaultValue.getDeclaringClass().getEnumConstants();
        for (E constant : constants) {
            if (settingName(constant).equals(raw.get().toLowerCase(Locale.ROOT))) {
                told(key, raw, settingName(constant));
                return constant;
            }
        }
        throw new InvalidSettingException(key, raw.get(), "must be one of "
                + String.join(", ", Arrays.stream(constants).map(ConfigReader::settingName).toList()));
    }

    public Path path(String key, Path defaultValue) {
        Optional<String> raw = raw(key);
        if (raw.isEmpty()) {
            return told(key, raw, defaultValue);
        }
        try {
            return told(key, raw, Path.of(raw.get()));
        } catch (InvalidPathException e) {
            throw new InvalidSettingException(key, raw.get(), "must be a file system path");
        }
    }

    /** A comma-separated list; absent or blank is the empty list. */
    public List<String> list(String key) {
        Optional<String> raw = raw(key);
        List<String> values = raw
                .map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
        told(key, raw, values.isEmpty() ? null : String.join(",", values));
        return values;
    }

    /** The setting's spelling of an enum constant: {@code LITTLE_ENDIAN} is {@code little-endian}. */
    public static String settingName(Enum<?> constant) {
        return constant.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private Optional<String> raw(String key) {
        return source.apply(key).map(String::trim).filter(v -> !v.isEmpty());
    }

    private <T> T told(String key, Optional<String> raw, T value) {
        listener.read(key, raw, value);
        return value;
    }

    private static long requireRange(String key, String raw, long value, long min, long max, String expectation) {
        if (value < min || value > max) {
            throw new InvalidSettingException(key, raw, expectation);
        }
        return value;
    }
}
