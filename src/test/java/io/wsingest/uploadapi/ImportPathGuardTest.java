package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportPathGuardTest {

    @TempDir
    Path root;

    private Path imports;
    private Path outside;
    private ImportPathGuard guard;

    @BeforeEach
    void files() throws Exception {
        imports = Files.createDirectories(root.resolve("imports"));
        outside = Files.createDirectories(root.resolve("secret"));
        Files.writeString(imports.resolve("scan.png"), "x");
        Files.createDirectories(imports.resolve("sub"));
        Files.writeString(imports.resolve("sub/page.png"), "x");
        Files.writeString(outside.resolve("passwd"), "x");
        guard = new ImportPathGuard(List.of(imports));
    }

    private String refusal(String path) {
        return assertThrows(ImportPathGuard.Refused.class, () -> guard.check(path)).getMessage();
    }

    @Test
    void acceptsFilesInsideAnImportDirectory() throws Exception {
        assertEquals(imports.resolve("scan.png").toRealPath(), guard.check(imports.resolve("scan.png").toString()));
        assertEquals(imports.resolve("sub/page.png").toRealPath(), guard.check(imports + "/sub/./page.png"));
    }

    @Test
    void refusesTraversalEvenWhenItWouldStayInside() {
        assertEquals(ImportPathGuard.PARENT_SEGMENT, refusal(imports + "/../secret/passwd"));
        assertEquals(ImportPathGuard.PARENT_SEGMENT, refusal(imports + "/sub/../scan.png"));
    }

    @Test
    void refusesAbsolutePathsElsewhereWithoutSayingWhetherTheyExist() {
        assertEquals(ImportPathGuard.OUTSIDE, refusal(outside.resolve("passwd").toString()));
        assertEquals(ImportPathGuard.OUTSIDE, refusal(outside.resolve("no-such-file").toString()));
        assertEquals(ImportPathGuard.OUTSIDE, refusal("/etc/passwd"));
        assertEquals(ImportPathGuard.OUTSIDE, refusal(root.resolve("imports-evil/x.png").toString()),
                "a sibling whose name starts like the import directory is outside");
    }

    @Test
    void refusesSymbolicLinksThatLeadOut() throws Exception {
        Files.createSymbolicLink(imports.resolve("link.png"), outside.resolve("passwd"));
        Files.createSymbolicLink(imports.resolve("linkdir"), outside);
        assertEquals(ImportPathGuard.OUTSIDE, refusal(imports.resolve("link.png").toString()));
        assertEquals(ImportPathGuard.OUTSIDE, refusal(imports.resolve("linkdir/passwd").toString()));
    }

    @Test
    void acceptsSymbolicLinksThatStayInside() throws Exception {
        Files.createSymbolicLink(imports.resolve("alias.png"), imports.resolve("sub/page.png"));
        assertEquals(imports.resolve("sub/page.png").toRealPath(), guard.check(imports.resolve("alias.png").toString()));
    }

    @Test
    void importDirectoryThatIsItselfALinkWorks() throws Exception {
        Path link = Files.createSymbolicLink(root.resolve("current"), imports);
        ImportPathGuard viaLink = new ImportPathGuard(List.of(link));
        assertEquals(imports.resolve("scan.png").toRealPath(), viaLink.check(link.resolve("scan.png").toString()));
    }

    @Test
    void refusesRelativePathsDirectoriesAndMissingFiles() {
        assertEquals(ImportPathGuard.NOT_ABSOLUTE, refusal("scan.png"));
        assertEquals(ImportPathGuard.NOT_ABSOLUTE, refusal(""));
        assertEquals(ImportPathGuard.OUTSIDE, refusal(imports.toString()), "the directory itself is no file");
        assertEquals(ImportPathGuard.NOT_A_FILE, refusal(imports.resolve("sub").toString()));
        assertEquals(ImportPathGuard.NOT_FOUND, refusal(imports.resolve("missing.png").toString()));
        assertEquals(ImportPathGuard.INVALID, refusal(imports + "/nul\u0000.png"));
    }

    @Test
    void refusesEverythingWhenNoImportDirectoryIsConfigured() {
        assertEquals(ImportPathGuard.DISABLED,
                assertThrows(ImportPathGuard.Refused.class,
                        () -> new ImportPathGuard(List.of()).check(imports.resolve("scan.png").toString())).getMessage());
    }
}
