package io.wsingest;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.properties.HasName.Predicates.name;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The rules of {@code docs/architecture.md}, checked on the application's classes (not the tests'). Each rule is
 * also shown to fail on a deliberate violation: the classes under {@code io.wsingest.archfixture}, laid out like the
 * application (protocol packages {@code upload} and {@code live}, a shared package {@code storage}).
 */
class ArchitectureTest {

    /** One package per protocol: A to E. */
    static final List<String> PROTOCOLS = List.of("upload", "galileo", "streamreq", "uploadapi", "live");

    /** What only a protocol's container adapters may use. JSON-P ({@code jakarta.json}) is a plain library. */
    static final String[] CONTAINER_APIS = {"jakarta.websocket..", "jakarta.persistence..", "jakarta.ejb..",
            "jakarta.jms.."};

    private static final JavaClasses APPLICATION = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.wsingest");

    private static final String FIXTURE = "io.wsingest.archfixture";

    private static final JavaClasses VIOLATIONS = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void everyProtocolPackageIsThere() {
        // A rule about a package that was renamed away would hold for nothing.
        for (String protocol : PROTOCOLS) {
            assertTrue(APPLICATION.containPackage("io.wsingest." + protocol), protocol);
        }
    }

    @Test
    void protocolPackagesNeverImportEachOther() {
        protocolsAreIndependent("io.wsingest").check(APPLICATION);
    }

    @Test
    void sharedPackagesNeverImportAProtocolPackage() {
        sharedPackagesAreProtocolFree("io.wsingest").check(APPLICATION);
    }

    @Test
    void onlyContainerAdaptersUseTheContainer() {
        onlyAdaptersUseTheContainer("io.wsingest").check(APPLICATION);
    }

    @Test
    void packagesHaveNoCycles() {
        packagesAreFreeOfCycles("io.wsingest").check(APPLICATION);
    }

    @Test
    void aProtocolImportingAnotherIsReported() {
        assertReports(protocolsAreIndependent(FIXTURE), "archfixture.upload.Relaying", "archfixture.live.Hub");
    }

    @Test
    void aSharedPackageImportingAProtocolIsReported() {
        assertReports(sharedPackagesAreProtocolFree(FIXTURE), "archfixture.storage.Store",
                "archfixture.upload.Relaying");
    }

    @Test
    void aCodecUsingTheContainerIsReported() {
        String failure = assertReports(onlyAdaptersUseTheContainer(FIXTURE), "archfixture.upload.FrameCodec",
                "jakarta.websocket.Session");
        assertFalse(failure.contains("UploadConnection"), failure);
    }

    @Test
    void aCycleBetweenPackagesIsReported() {
        assertReports(packagesAreFreeOfCycles(FIXTURE), "Cycle detected");
    }

    /** Protocol packages never import each other: what they share lives in a shared package. */
    static ArchRule protocolsAreIndependent(String root) {
        return CompositeArchRule.of(PROTOCOLS.stream()
                .map(protocol -> noClasses().that().resideInAPackage(root + "." + protocol + "..")
                        .should().dependOnClassesThat().resideInAnyPackage(PROTOCOLS.stream()
                                .filter(other -> !other.equals(protocol))
                                .map(other -> root + "." + other + "..")
                                .toArray(String[]::new))
                        .allowEmptyShould(true))
                .toList())
                .as("protocol packages never import each other");
    }

    /** Shared packages (everything that is not a protocol package) never import a protocol package. */
    static ArchRule sharedPackagesAreProtocolFree(String root) {
        String[] protocols = protocolPackages(root);
        return noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackages(protocols)
                .should().dependOnClassesThat().resideInAnyPackage(protocols)
                .as("shared packages never import a protocol package");
    }

    /**
     * Everything in a protocol package, its codecs and state machines first, is plain Java, except its container
     * adapters. A {@code CloseReason} is a value (a code and a text), built without any container.
     */
    static ArchRule onlyAdaptersUseTheContainer(String root) {
        return noClasses().that().resideInAnyPackage(protocolPackages(root)).and(CONTAINER_ADAPTERS.negate())
                .should().dependOnClassesThat(resideInAnyPackage(CONTAINER_APIS)
                        .and(not(name("jakarta.websocket.CloseReason"))))
                .as("only a protocol's container adapters use " + String.join(", ", CONTAINER_APIS));
    }

    static ArchRule packagesAreFreeOfCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles()
                .as("packages have no cycles");
    }

    /**
     * A protocol's container adapters: what the container manages (annotated with a {@code jakarta} annotation: a
     * bean, an EJB, an entity, an endpoint, a resource), what it calls (a subtype of a {@code jakarta} type: a
     * programmatic endpoint, a configurator), and the class that holds one connection's {@code Session}, named
     * {@code *Connection} or {@code *Socket}; with their nested classes.
     */
    static final DescribedPredicate<JavaClass> CONTAINER_ADAPTERS = DescribedPredicate.describe(
            "container adapters", ArchitectureTest::isAdapter);

    private static boolean isAdapter(JavaClass type) {
        boolean adapter = type.getAnnotations().stream().anyMatch(a -> a.getRawType().getName().startsWith("jakarta."))
                || type.getAllRawSuperclasses().stream().anyMatch(s -> s.getName().startsWith("jakarta."))
                || type.getAllRawInterfaces().stream().anyMatch(i -> i.getName().startsWith("jakarta."))
                || type.getSimpleName().endsWith("Connection") || type.getSimpleName().endsWith("Socket");
        return adapter || type.getEnclosingClass().map(ArchitectureTest::isAdapter).orElse(false);
    }

    private static String[] protocolPackages(String root) {
        return PROTOCOLS.stream().map(protocol -> root + "." + protocol + "..").toArray(String[]::new);
    }

    private static String assertReports(ArchRule rule, String... expected) {
        String failure = assertThrows(AssertionError.class, () -> rule.check(VIOLATIONS)).getMessage();
        for (String text : expected) {
            assertTrue(failure.contains(text), () -> "expected " + text + " in: " + failure);
        }
        return failure;
    }
}
