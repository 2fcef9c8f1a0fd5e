package io.wsingest.metrics;

import java.util.List;
import java.util.Objects;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.InvalidSettingException;
import io.wsingest.config.Settings;
import io.wsingest.net.CidrList;

/**
 * Whether the application counts at all, and who may read the figures without a token.
 *
 * @param enabled          {@code wsingest.metrics.enabled}: false registers no meter, so nothing is counted
 * @param allowedAddresses {@code wsingest.metrics.allowed-addresses}: client addresses that may scrape
 *                         {@code /api/metrics} without a token (a Prometheus server has none)
 */
public record MetricsSettings(boolean enabled, CidrList allowedAddresses) implements Settings {

    static final String ENABLED = "wsingest.metrics.enabled";
    static final String ALLOWED_ADDRESSES = "wsingest.metrics.allowed-addresses";

    /** The server itself: a Prometheus agent or sidecar on the same host. */
    static final List<String> DEFAULT_ALLOWED_ADDRESSES = List.of("127.0.0.0/8", "::1/128");

    public MetricsSettings {
        Objects.requireNonNull(allowedAddresses, "allowedAddresses");
    }

    public static MetricsSettings from(ConfigReader r) {
        List<String> addresses = r.optionalString(ALLOWED_ADDRESSES).isPresent()
                ? r.list(ALLOWED_ADDRESSES)
                : DEFAULT_ALLOWED_ADDRESSES;
        CidrList allowed;
        try {
            allowed = CidrList.parse(addresses);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingException(ALLOWED_ADDRESSES, String.join(",", addresses),
                    "must be comma-separated IP addresses or CIDR ranges (" + e.getMessage() + ")");
        }
        return new MetricsSettings(r.bool(ENABLED, true), allowed);
    }
}
