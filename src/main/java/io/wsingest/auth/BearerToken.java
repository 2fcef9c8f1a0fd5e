package io.wsingest.auth;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the bearer token in a WebSocket or HTTP handshake, the same way for every endpoint. Looked for, in order:
 * <ol>
 * <li>the query parameter {@code token} ({@code /ws/Upload?token=...});</li>
 * <li>the header {@code Authorization: Bearer <token>}, the scheme in any case;</li>
 * <li>the header {@code Sec-WebSocket-Protocol: bearer, <token>}, which is how a browser's {@code WebSocket} can send
 * it: the token is the value right after {@code bearer}, in one header line or spread over several.</li>
 * </ol>
 * A blank token counts as absent, so the next place is tried.
 */
public final class BearerToken {

    /** The query parameter that carries the token. */
    public static final String QUERY_PARAMETER = "token";

    /** The WebSocket subprotocol announcing that the next offered subprotocol is the token. */
    public static final String SUBPROTOCOL = "bearer";

    private static final String AUTHORIZATION = "Authorization";
    private static final String SEC_WEBSOCKET_PROTOCOL = "Sec-WebSocket-Protocol";

    private static final Pattern BEARER_CREDENTIALS = Pattern.compile("\\s*bearer\\s+(\\S+)\\s*",
            Pattern.CASE_INSENSITIVE);

    private BearerToken() {
    }

    /**
     * The token in a handshake, if any.
     *
     * @param queryParameters the request's query parameters, each with its values
     * @param headers         the values of a header by name, empty or null when absent; header names are
     *                        case-insensitive, so callers pass a case-insensitive lookup (this method asks for the
     *                        canonical spelling)
     */
    public static Optional<String> find(Map<String, List<String>> queryParameters,
            Function<String, List<String>> headers) {
        return fromQuery(queryParameters.get(QUERY_PARAMETER))
                .or(() -> fromAuthorization(values(headers, AUTHORIZATION)))
                .or(() -> fromSubprotocols(values(headers, SEC_WEBSOCKET_PROTOCOL)));
    }

    private static Optional<String> fromQuery(List<String> values) {
        return values == null ? Optional.empty() : values.stream().map(String::trim).filter(v -> !v.isEmpty())
                .findFirst();
    }

    private static Optional<String> fromAuthorization(List<String> values) {
        return values.stream()
                .map(BEARER_CREDENTIALS::matcher)
                .filter(Matcher::matches)
                .map(m -> m.group(1))
                .findFirst();
    }

    private static Optional<String> fromSubprotocols(List<String> values) {
        List<String> offered = values.stream()
                .flatMap(line -> Arrays.stream(line.split(",")))
                .map(String::trim)
                .filter(v -> !v.isEmpty())
                .toList();
        // Exact match: subprotocol names are case-sensitive, and the server echoes this one back.
        int marker = offered.indexOf(SUBPROTOCOL);
        return marker >= 0 && marker + 1 < offered.size() ? Optional.of(offered.get(marker + 1)) : Optional.empty();
    }

    private static List<String> values(Function<String, List<String>> headers, String name) {
        List<String> values = headers.apply(name);
        return values == null ? List.of() : values;
    }
}
