package io.wsingest.testing;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/**
 * Integration tests deploy the WAR the build produced — the artifact operators deploy — plus, where a test needs
 * them, the test's own classes.
 */
public final class Deployments {

    private Deployments() {
    }

    public static WebArchive application() {
        String path = System.getProperty("war.path");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("war.path must name the built WAR (run the tests with `mvn verify`)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }
}
