package io.wsingest.streamreq;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RouterTest {

    private final List<Packet> handled = new ArrayList<>();

    private Router.Route route(boolean takesStreams, Packet... replies) {
        return Router.Route.of(takesStreams, request -> {
            handled.add(request);
            return List.of(replies);
        });
    }

    private final Router router = new Router(Map.of(
            "/files", route(false, Packet.response(Status.OK).withPayload("[]")),
            "/upload-file", route(true, Packet.response(Status.OK), Packet.response(Status.OK).with("n", "2"))));

    private static Packet request(Map<String, String> headers) {
        return new Packet(headers, null);
    }

    @Test
    void dispatchesByRouteAndEchoesRouteAndRequestId() {
        List<Packet> replies = router.dispatch(request(Map.of("route", "/files", "x-request-id", "r-1")));

        assertEquals(List.of(new Packet(Map.of("status", "0", "route", "/files", "x-request-id", "r-1"), "[]")),
                replies);
        assertEquals(1, handled.size());
    }

    @Test
    void echoesIntoEveryReply() {
        List<Packet> replies = router.dispatch(request(Map.of("route", "/upload-file", "x-stream", "1:1")));

        assertEquals(2, replies.size());
        replies.forEach(reply -> assertEquals("/upload-file", reply.headers().get("route")));
    }

    @Test
    void withoutARequestIdNoneIsEchoed() {
        Packet reply = router.dispatch(request(Map.of("route", "/files"))).get(0);

        assertEquals(Map.of("status", "0", "route", "/files"), reply.headers());
    }

    @Test
    void aPacketWithoutRouteIsABadPacket() {
        assertEquals(List.of(new Packet(Map.of("status", "1", "error", "the packet has no route header",
                "x-request-id", "r-2"), null)), router.dispatch(request(Map.of("x-request-id", "r-2"))));
        assertEquals("1", router.dispatch(request(Map.of("route", " "))).get(0).headers().get("status"));
    }

    @Test
    void anUnknownRouteIsSaidSo() {
        assertEquals(List.of(new Packet(Map.of("status", "2", "error", "no route /nope", "route", "/nope"), null)),
                router.dispatch(request(Map.of("route", "/nope"))));
        assertEquals(0, handled.size());
    }

    @Test
    void routesAreCaseSensitive() {
        assertEquals("2", router.dispatch(request(Map.of("route", "/FILES"))).get(0).headers().get("status"));
    }

    @Test
    void aStreamOfferToARouteThatTakesNoneIsRefusedWithMinusOne() {
        List<Packet> replies = router.dispatch(request(Map.of("route", "/files", "x-stream", "100:10",
                "data-format", "json")));

        assertEquals(List.of(new Packet(Map.of("status", "4", "error", "route /files takes no streams",
                "x-stream", "-1", "data-format", "json", "route", "/files"), null)), replies);
        assertEquals(0, handled.size());
    }

    @Test
    void theRefusalNamesBytesWhenTheFormatIsMissingOrUnknown() {
        Packet reply = router.dispatch(request(Map.of("route", "/files", "x-stream", "100:10",
                "data-format", "xml"))).get(0);

        assertEquals("bytes", reply.headers().get("data-format"));
    }

    @Test
    void aReplyKeepsItsOwnRouteAndRequestId() {
        Packet reply = Router.echo(Packet.response(Status.OK).with("route", "/own").with("x-request-id", "own"),
                "/files", "r-3");

        assertEquals("/own", reply.headers().get("route"));
        assertEquals("own", reply.headers().get("x-request-id"));
    }
}
