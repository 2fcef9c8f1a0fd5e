package io.wsingest.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BearerTokenTest {

    private static final Map<String, List<String>> NO_QUERY = Map.of();
    private static final Map<String, List<String>> NO_HEADERS = Map.of();

    @Test
    void findsNothingInBareHandshake() {
        assertEquals(Optional.empty(), find(NO_QUERY, NO_HEADERS));
    }

    @Test
    void findsTokenInQueryParameter() {
        assertEquals(Optional.of("q.t.s"), find(Map.of("token", List.of("q.t.s")), NO_HEADERS));
    }

    @Test
    void findsTokenInAuthorizationHeader() {
        assertEquals(Optional.of("h.t.s"), find(NO_QUERY, headers("Authorization", "Bearer h.t.s")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer h.t.s", "BEARER h.t.s", "  Bearer   h.t.s  "})
    void acceptsBearerSchemeInAnyCaseAndSpacing(String value) {
        assertEquals(Optional.of("h.t.s"), find(NO_QUERY, headers("Authorization", value)));
    }

    @Test
    void findsAuthorizationHeaderWhateverTheCallerSpellsItWithCaseInsensitiveLookup() {
        assertEquals(Optional.of("h.t.s"), find(NO_QUERY, headers("authorization", "Bearer h.t.s")));
    }

    @Test
    void findsTokenInSubprotocolHeader() {
        assertEquals(Optional.of("p.t.s"), find(NO_QUERY, headers("Sec-WebSocket-Protocol", "bearer, p.t.s")));
    }

    @Test
    void findsTokenInSubprotocolHeaderSpreadOverSeveralLines() {
        assertEquals(Optional.of("p.t.s"),
                find(NO_QUERY, headers("Sec-WebSocket-Protocol", "chat", "bearer", "p.t.s")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer,p.t.s", " bearer ,  p.t.s ", "chat, bearer, p.t.s", "bearer, p.t.s, chat"})
    void findsTokenRightAfterBearerSubprotocol(String value) {
        assertEquals(Optional.of("p.t.s"), find(NO_QUERY, headers("Sec-WebSocket-Protocol", value)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"bearer", "bearer, ", "p.t.s", "chat, p.t.s", "Bearer, p.t.s"})
    void findsNoTokenWithoutValueAfterBearerSubprotocol(String value) {
        assertEquals(Optional.empty(), find(NO_QUERY, headers("Sec-WebSocket-Protocol", value)));
    }

    @Test
    void prefersQueryParameterOverHeaders() {
        Map<String, List<String>> headers = headers("Authorization", "Bearer h.t.s");
        headers.put("Sec-WebSocket-Protocol", List.of("bearer, p.t.s"));

        assertEquals(Optional.of("q.t.s"), find(Map.of("token", List.of("q.t.s")), headers));
    }

    @Test
    void prefersAuthorizationHeaderOverSubprotocol() {
        Map<String, List<String>> headers = headers("Authorization", "Bearer h.t.s");
        headers.put("Sec-WebSocket-Protocol", List.of("bearer, p.t.s"));

        assertEquals(Optional.of("h.t.s"), find(NO_QUERY, headers));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void treatsBlankQueryParameterAsAbsent(String blank) {
        assertEquals(Optional.empty(), find(Map.of("token", List.of(blank)), NO_HEADERS));
        assertEquals(Optional.of("h.t.s"),
                find(Map.of("token", List.of(blank)), headers("Authorization", "Bearer h.t.s")));
    }

    @Test
    void takesFirstNonBlankQueryValue() {
        assertEquals(Optional.of("q.t.s"), find(Map.of("token", List.of(" ", "q.t.s", "other")), NO_HEADERS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Bearer", "Bearer ", "Bearerh.t.s", "Basic YWxpY2U6c2VjcmV0", "Bearer a b", "h.t.s"})
    void ignoresMalformedAuthorizationHeader(String value) {
        assertEquals(Optional.empty(), find(NO_QUERY, headers("Authorization", value)));
        Map<String, List<String>> withSubprotocol = headers("Authorization", value);
        withSubprotocol.put("Sec-WebSocket-Protocol", List.of("bearer, p.t.s"));
        assertEquals(Optional.of("p.t.s"), find(NO_QUERY, withSubprotocol));
    }

    @Test
    void acceptsHeaderLookupReturningNull() {
        assertEquals(Optional.empty(), BearerToken.find(NO_QUERY, name -> null));
    }

    private static Optional<String> find(Map<String, List<String>> query, Map<String, List<String>> headers) {
        return BearerToken.find(query, headers::get);
    }

    /** A case-insensitive header map, as callers build one, holding one header's lines. */
    private static Map<String, List<String>> headers(String name, String... lines) {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.put(name, Arrays.asList(lines));
        return headers;
    }
}
