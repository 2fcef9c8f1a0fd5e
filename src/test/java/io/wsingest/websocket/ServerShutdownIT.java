package io.wsingest.websocket;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.wsingest.testing.KillableServer;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;

/**
 * A server of the test's own is shut down gracefully, as an operator does (WildFly's management operation
 * {@code :shutdown}, Payara's {@code asadmin stop-domain}), while a socket of every protocol is open in the middle of
 * what it does ({@link SocketsInFlight}). The sockets get the same closes as on a redeploy ({@link ShutdownIT}), the
 * server's log counts them, and once the server runs again the uploads resume. On WildFly the shutdown suspends the
 * server first, and in the suspend Undertow closes every WebSocket with 1001 and no reason: the application closes its
 * own before that ({@link ServerSuspension}).
 */
@Tag("integration")
class ServerShutdownIT {

    @Test
    void everyProtocolClosesItsSocketsWithItsOwnCloseWhenTheServerShutsDown() throws Exception {
        // The suite's 5 s idle timeout of A would end the upload while the other sockets are opened and the
        // shutdown command starts; the default (60 s) keeps it in progress until the shutdown, as a client's is.
        try (KillableServer killable = KillableServer.prepare("shutdown", "wsingest.upload.idle-timeout-seconds=60")) {
            killable.start();
            TestServer server = killable.server();
            SocketsInFlight.Interrupted interrupted;
            try (SocketsInFlight sockets = SocketsInFlight.open(server, Unique.name("server-shutdown-"))) {
                ServerLog log = ServerLog.mark(killable.log());
                killable.shutDown();
                interrupted = sockets.assertClosedForShutdown();
                SocketsInFlight.assertClosesLogged(log.newLines());
            }
            killable.start();
            interrupted.resume(server);
        }
    }
}
