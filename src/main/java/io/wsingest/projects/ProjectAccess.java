package io.wsingest.projects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import io.wsingest.auth.Identity;

/**
 * Answers "may this user upload to this project?". An unknown project and a project the user is not a member of get
 * the same answer, so a caller cannot probe which projects exist.
 */
@ApplicationScoped
public class ProjectAccess {

    @PersistenceContext
    EntityManager em;

    public boolean mayUpload(String userId, String projectId) {
        if (userId == null || !ProjectIds.isValid(projectId)) {
            return false;
        }
        Long count = em.createQuery(
                        "select count(p) from Project p join p.members m where p.id = :project and m = :user", Long.class)
                .setParameter("project", projectId)
                .setParameter("user", userId)
                .getSingleResult();
        return count > 0;
    }

    /** May the caller see the project and its files? Members, and administrators (any existing project). */
    public boolean mayView(Identity caller, String projectId) {
        if (!caller.admin()) {
            return mayUpload(caller.subject(), projectId);
        }
        return ProjectIds.isValid(projectId) && em.find(Project.class, projectId) != null;
    }
}
