package io.wsingest.projects;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.inject.Inject;

import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import io.wsingest.testing.Deployments;

/** The access rule, inside the server, against the real database. */
@Tag("integration")
@ExtendWith(ArquillianExtension.class)
class ProjectAccessIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.application().addClass(ProjectAccessIT.class);
    }

    @Inject
    ProjectService projects;

    @Inject
    ProjectAccess access;

    private static String uniqueId() {
        return "a" + Long.toString(System.nanoTime(), 36);
    }

    @Test
    void membersMayUpload() {
        String id = uniqueId();
        projects.create(id, "Access", "root");
        projects.addMember(id, "lena");
        assertTrue(access.mayUpload("lena", id));
    }

    @Test
    void nonMembersMayNot() {
        String id = uniqueId();
        projects.create(id, "Access", "root");
        projects.addMember(id, "lena");
        assertFalse(access.mayUpload("mike", id));
        assertFalse(access.mayUpload("root", id), "creating a project does not make the admin a member");
    }

    @Test
    void unknownOrMalformedProjectsAreRefused() {
        assertFalse(access.mayUpload("lena", uniqueId()));
        assertFalse(access.mayUpload("lena", "../../etc"));
        assertFalse(access.mayUpload("lena", null));
        assertFalse(access.mayUpload(null, "x"));
    }

    @Test
    void removedMembersLoseAccess() {
        String id = uniqueId();
        projects.create(id, "Access", "root");
        projects.addMember(id, "nora");
        projects.removeMember(id, "nora");
        assertFalse(access.mayUpload("nora", id));
    }

    @Test
    void deletingTheProjectRemovesAccess() {
        String id = uniqueId();
        projects.create(id, "Access", "root");
        projects.addMember(id, "owen");
        projects.delete(id);
        assertFalse(access.mayUpload("owen", id));
    }
}
