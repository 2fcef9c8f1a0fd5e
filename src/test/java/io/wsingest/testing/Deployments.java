package io.wsingest.testing;

import java.io.File;

import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.asset.StringAsset;
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

    /**
     * The application with settings of its own ({@code key=value} lines), for a test class that needs values the
     * shared test server does not have. They go into the WAR's {@code META-INF/microprofile-config.properties}, which
     * system properties override: set none of these keys in {@code it.jvm.args}.
     */
    public static WebArchive withSettings(String... settings) {
        return application().addAsResource(new StringAsset(String.join("\n", settings) + "\n"),
                "META-INF/microprofile-config.properties");
    }
}
