package io.wsingest.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fd00::/8}); a bare address is a network of
 * one. Only literal addresses are accepted, so parsing never asks DNS. IPv4-mapped IPv6 addresses
 * ({@code ::ffff:10.1.2.3}) count as IPv4, as Java reads them.
 */
public final class CidrRange {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    private final byte[] network;
    private final int prefix;
    private final String text;

    private CidrRange(byte[] network, int prefix, String text) {
        this.network = network;
        this.prefix = prefix;
        this.text = text;
    }

    /** Parses {@code address} or {@code address/prefix}. */
    public static CidrRange parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        String literal = slash < 0 ? trimmed : trimmed.substring(0, slash);
        byte[] bytes = literalBytes(literal)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR range: " + text));
        int bits = bytes.length * 8;
        int prefix;
        if (slash < 0) {
            prefix = bits;
        } else {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text);
            }
            if (bytes.length == 4 && literal.contains(":")) {
                prefix -= 96; // an IPv4-mapped range written as IPv6: ::ffff:10.0.0.0/104 is 10.0.0.0/8
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length out of range in " + text);
            }
        }
        return new CidrRange(mask(bytes, prefix), prefix, trimmed);
    }

    /** Whether the address (a literal, as a servlet container reports it) is in this network. */
    public boolean contains(String address) {
        return literalBytes(address).map(this::contains).orElse(false);
    }

    boolean contains(byte[] address) {
        return address.length == network.length && Arrays.equals(mask(address, prefix), network);
    }

    @Override
    public String toString() {
        return text;
    }

    /** The bytes of an IP literal; empty for anything else (host names are never resolved). */
    static Optional<byte[]> literalBytes(String literal) {
        if (literal == null) {
            return Optional.empty();
        }
        String s = literal.trim();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int scope = s.indexOf('%');
        if (scope >= 0 && s.contains(":")) {
            s = s.substring(0, scope);
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return Optional.empty();
        }
        if (IPV4.matcher(s).matches()) {
            for (String part : s.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return Optional.empty();
                }
            }
        }
        try {
            // A literal: InetAddress parses it without any lookup.
            return Optional.of(InetAddress.getByName(s).getAddress());
        } catch (UnknownHostException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] masked = address.clone();
        for (int i = 0; i < masked.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            masked[i] &= (byte) (0xFF << (8 - keep));
        }
        return masked;
    }
}
