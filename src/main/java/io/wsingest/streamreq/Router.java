package io.wsingest.streamreq;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Dispatches request packets to their route by the {@code route} header, and makes every response echo the
 * request's {@code route} and {@code x-request-id}. Packets for routes that take no streams must not offer one:
 * those get {@code x-stream: -1} here, so a route only sees what it can handle.
 */
public final class Router {

    /** One route: what it answers to a request (one or more packets). */
    public interface Route {

        /** Whether requests may carry {@code x-stream} (the route receives a stream of binary data). */
        boolean takesStreams();

        List<Packet> handle(Packet request);

        static Route of(boolean takesStreams, Function<Packet, List<Packet>> handler) {
            return new Route() {
                @Override
                public boolean takesStreams() {
                    return takesStreams;
                }

                @Override
                public List<Packet> handle(Packet request) {
                    return handler.apply(request);
                }
            };
        }
    }

    private final Map<String, Route> routes;

    public Router(Map<String, Route> routes) {
        this.routes = Map.copyOf(routes);
    }

    public List<Packet> dispatch(Packet request) {
        String route = request.header(Headers.ROUTE).orElse(null);
        String requestId = request.header(Headers.REQUEST_ID).orElse(null);
        Function<Packet, Packet> echo = reply -> echo(reply, route, requestId);
        if (route == null || route.isBlank()) {
            return List.of(echo.apply(Packet.error(Status.BAD_PACKET, "the packet has no route header")));
        }
        Route handler = routes.get(route);
        if (handler == null) {
            return List.of(echo.apply(Packet.error(Status.UNKNOWN_ROUTE, "no route " + route)));
        }
        if (!handler.takesStreams() && request.header(Headers.X_STREAM).isPresent()) {
            return List.of(echo.apply(Packet.error(Status.STREAM_REFUSED, "route " + route + " takes no streams")
                    .with(Headers.X_STREAM, XStream.REFUSED)
                    .with(Headers.DATA_FORMAT, request.header(Headers.DATA_FORMAT)
                            .flatMap(DataFormat::parse).orElse(DataFormat.BYTES).wire())));
        }
        return handler.handle(request).stream().map(echo).toList();
    }

    /** The reply with the request's route and request id, unless it carries its own. */
    public static Packet echo(Packet reply, String route, String requestId) {
        return reply.withIfAbsent(Headers.ROUTE, route).withIfAbsent(Headers.REQUEST_ID, requestId);
    }
}
