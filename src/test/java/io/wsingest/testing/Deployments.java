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

    /**
     * Whether this is an integration test run: by failsafe ({@code mvn verify}, which names the WAR) or inside the
     * server. Integration tests declare {@code @EnabledIf(Deployments.INTEGRATION_TEST_RUN)}, so a unit test run
     * that selects them by package ({@code -Dtest='io.wsingest.uploadapi.**'}) skips them instead of failing.
     */
    public static boolean integrationTestRun() {
        return System.getProperty("war.path") != null || System.getProperty("jboss.home.dir") != null;
    }

    /** The condition for {@code @EnabledIf}. */
    public static final String INTEGRATION_TEST_RUN = "io.wsingest.testing.Deployments#integrationTestRun";

    public static WebArchive application() {
        String path = System.getProperty("war.path");
        if (path == null || !new File(path).isFile()) {
            throw new IllegalStateException("war.path must name the built WAR (run the tests with `mvn verify`)");
        }
        return ShrinkWrap.createFromZipFile(WebArchive.class, new File(path));
    }
}
