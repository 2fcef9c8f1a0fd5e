package io.wsingest.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;
import io.wsingest.testing.TestServer;

/** Outside development mode (the test server's, as in production) the demonstration page is not there. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class DemoPageRefusedIT {

    @Deployment(testable = false)
    static WebArchive deployment() {
        return Deployments.application();
    }

    @ArquillianResource
    URL url;

    @Test
    void everyPathOfTheDemoPageIsNotFound() throws Exception {
        TestServer server = new TestServer(url);
        for (String path : new String[] {"demo", "demo/", "demo/index.html", "demo/demo.js", "demo/lib/index.js"}) {
            assertEquals(404, server.get(path, null).statusCode(), path);
        }
    }
}
