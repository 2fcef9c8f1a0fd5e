package io.wsingest.testing;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The control for the attack suite: on a server nobody attacks, the {@link Bystander}'s uploads through every
 * protocol succeed, so when one fails during an attack, the attack did it.
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
@Tag("integration")
class BystanderIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    @Test
    void aBystanderIsServedByEveryProtocolOnAQuietServer() throws Exception {
        new Bystander(new TestServer(url)).assertUnharmed();
    }
}
