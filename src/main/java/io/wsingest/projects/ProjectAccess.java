package io.wsingest.projects;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

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
}
