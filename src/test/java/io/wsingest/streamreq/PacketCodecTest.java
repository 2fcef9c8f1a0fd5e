package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PacketCodecTest {

    @Test
    void decodesTheDocumentsStreamOffer() throws Exception {
        Packet packet = PacketCodec.decode("""
                {"headers": {"data-format": "bytes", "route": "/upload-file", "x-stream": "20000:4096"},
                 "payload": null}""");

        assertEquals(Map.of("data-format", "bytes", "route", "/upload-file", "x-stream", "20000:4096"),
                packet.headers());
        assertNull(packet.payload());
    }

    /** The document's answer to {@code x-stream: 20000:4096} when the server takes its first {@code limit} bytes. */
    private static String acceptAnswer(long limit) {
        return PacketCodec.encode(StreamReplies.accepted("some_unique_id",
                new StreamTransfer(20000, limit, 4096, 0, 1 << 20), DataFormat.BYTES));
    }

    @Test
    void encodesTheDocumentsAcceptAnswerWholeAndInPart() {
        assertEquals("{\"headers\":{\"status\":0,\"x-stream\":\"0:4096\",\"x-stream-key\":\"some_unique_id\","
                + "\"data-format\":\"bytes\"},\"payload\":null}", acceptAnswer(20000));
        assertEquals("{\"headers\":{\"status\":0,\"x-stream\":\"12000:4096\",\"x-stream-key\":\"some_unique_id\","
                + "\"data-format\":\"bytes\"},\"payload\":null}", acceptAnswer(12000));
    }

    @Test
    void encodesTheDocumentsFinalPacketsWithTheirPayload() {
        assertEquals("{\"headers\":{\"status\":0,\"x-stream-key\":\"k\",\"x-stream\":\"0:0\"},"
                + "\"payload\":{\"id\":\"f1\"}}", PacketCodec.encode(StreamReplies.stored("k", "{\"id\":\"f1\"}")));
        assertEquals("{\"headers\":{\"status\":5,\"error\":\"disk full\",\"x-stream-key\":\"k\","
                        + "\"x-stream\":\"377:0\"},\"payload\":null}",
                PacketCodec.encode(StreamReplies.failed("k", Status.STORAGE_EXHAUSTED, "disk full", 377)));
    }

    @Test
    void writesStatusAsAJsonNumberAsTheDocumentShowsIt() {
        assertEquals("{\"headers\":{\"status\":9,\"error\":\"failed\",\"x-request-id\":\"7\"},\"payload\":null}",
                PacketCodec.encode(Packet.error(Status.INTERNAL_ERROR, "failed").with("x-request-id", "7")));
    }

    @Test
    void readsStatusAsANumberOrANumericString() throws Exception {
        assertEquals("0", PacketCodec.decode("{\"headers\":{\"status\":0}}").headers().get("status"));
        assertEquals("0", PacketCodec.decode("{\"headers\":{\"status\":\"0\"}}").headers().get("status"));
    }

    @Test
    void escapesHeaderValuesWhenEncoding() throws Exception {
        Packet packet = Packet.error(Status.BAD_PACKET, "quote \" backslash \\ newline \n ü");

        String text = PacketCodec.encode(packet);

        assertEquals(packet, PacketCodec.decode(text));
    }

    @Test
    void keepsAnyPayloadAsJsonTextAndTreatsAMissingOneAsNone() throws Exception {
        assertEquals("{\"name\":\"a\",\"n\":[1,2]}",
                PacketCodec.decode("{\"headers\":{},\"payload\":{\"name\":\"a\",\"n\":[1,2]}}").payload());
        assertEquals("\"text\"", PacketCodec.decode("{\"headers\":{},\"payload\":\"text\"}").payload());
        assertNull(PacketCodec.decode("{\"headers\":{}}").payload());
    }

    @Test
    void roundTripsAPayload() throws Exception {
        Packet packet = new Packet(Map.of("route", "/files"), "[{\"id\":\"x\"}]");

        assertEquals(packet, PacketCodec.decode(PacketCodec.encode(packet)));
    }

    @Test
    void lowerCasesHeaderNamesAndKeepsTheirOrder() throws Exception {
        Packet packet = PacketCodec.decode("{\"headers\":{\"Route\":\"/files\",\"X-Request-ID\":\"7\"}}");

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("route", "/files");
        expected.put("x-request-id", "7");
        assertEquals(expected, packet.headers());
        assertEquals(String.join(",", expected.keySet()), String.join(",", packet.headers().keySet()));
    }

    @Test
    void readsWholeNumbersAsTheirDecimalText() throws Exception {
        Packet packet = PacketCodec.decode("{\"headers\":{\"status\":0,\"x-stream-offset\":1e3,\"big\":-12}}");

        assertEquals(Map.of("status", "0", "x-stream-offset", "1000", "big", "-12"), packet.headers());
    }

    @Test
    void ignoresOtherTopLevelMembers() throws Exception {
        assertEquals(Map.of("route", "/files"),
                PacketCodec.decode("{\"headers\":{\"route\":\"/files\"},\"version\":2}").headers());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "not json                                  | not valid JSON",
            "''                                        | not valid JSON",
            "{\"headers\": {}                           | not valid JSON",
            "[]                                        | a packet is a JSON object with \"headers\" and \"payload\"",
            "\"headers\"                               | a packet is a JSON object with \"headers\" and \"payload\"",
            "{\"payload\": null}                        | \"headers\" must be a JSON object",
            "{\"headers\": [\"route\"]}                 | \"headers\" must be a JSON object",
            "{\"headers\": {\"route\": true}}           | header 'route' must be a string",
            "{\"headers\": {\"route\": null}}           | header 'route' must be a string",
            "{\"headers\": {\"route\": {\"a\": 1}}}     | header 'route' must be a string",
            "{\"headers\": {\"status\": 1.5}}           | header 'status' must be a string",
            "{\"headers\": {\"status\": 1e999999999}}   | header 'status' must be a string",
            "{\"headers\": {\"status\": 99999999999999999999}} | header 'status' must be a string",
            "{\"headers\": {\"Route\": \"a\", \"route\": \"b\"}} | header 'route' appears more than once",
    })
    void refusesWhatIsNotAPacket(String text, String reason) {
        BadPacketException e = assertThrows(BadPacketException.class, () -> PacketCodec.decode(text));
        assertEquals(reason, e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {2000})
    void refusesPacketsNestedBeyondTheParsersLimit(int depth) {
        String deep = "{\"headers\":{},\"payload\":" + "[".repeat(depth) + "]".repeat(depth) + "}";

        assertThrows(BadPacketException.class, () -> PacketCodec.decode(deep));
    }
}
