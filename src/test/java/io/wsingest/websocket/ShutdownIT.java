package io.wsingest.websocket;

import org.jboss.arquillian.container.test.api.Deployer;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.ServerLog;
import io.wsingest.testing.TestServer;
import io.wsingest.testing.Unique;

/**
 * The application is redeployed while a socket of every protocol is open, each in the middle of what it does
 * ({@link SocketsInFlight}). Each protocol closes its own sockets with its documented shutdown close (A and C after
 * telling the client where the upload resumes), the server log says how many each closed, and the uploads continue
 * on the new deployment as their pages tell a client to. {@link ServerShutdownIT} does the same with the whole server.
 */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class ShutdownIT {

    private static final String APP = "redeployed-with-sockets";

    @Deployment(name = APP, managed = false, testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    Deployer deployer;

    @Test
    void everyProtocolClosesItsSocketsWithItsOwnCloseAndTheUploadsResume() throws Exception {
        TestServer server = TestServer.atTestPort();
        deployer.deploy(APP);
        try {
            SocketsInFlight.Interrupted interrupted;
            try (SocketsInFlight sockets = SocketsInFlight.open(server, Unique.name("shutdown-"))) {
                ServerLog log = ServerLog.mark();
                deployer.undeploy(APP);
                interrupted = sockets.assertClosedForShutdown();
                SocketsInFlight.assertClosesLogged(log.newLines());
            }
            deployer.deploy(APP);
            interrupted.resume(server);
        } finally {
            deployer.undeploy(APP);
        }
    }
}
