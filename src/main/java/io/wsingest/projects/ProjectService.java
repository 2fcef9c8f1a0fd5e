package io.wsingest.projects;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

import io.wsingest.storage.FileCatalog;

/** Creating, listing and deleting projects, and managing their members. */
@ApplicationScoped
@Transactional
public class ProjectService {

    @PersistenceContext
    EntityManager em;

    @Inject
    FileCatalog files;

    @Inject
    MemberRemovals memberRemovals;

    private final Clock clock = Clock.systemUTC();

    /** Creates a project; empty when the id is taken. */
    public Optional<Project> create(String id, String name, String createdBy) {
        if (!ProjectIds.isValid(id)) {
            throw new IllegalArgumentException("Project id must match [a-z0-9_-]{1,64}");
        }
        if (em.find(Project.class, id) != null) {
            return Optional.empty();
        }
        Project project = new Project(id, name == null || name.isBlank() ? id : name.strip(), createdBy, clock.instant());
        em.persist(project);
        return Optional.of(project);
    }

    public Optional<Project> find(String id) {
        return ProjectIds.isValid(id) ? Optional.ofNullable(em.find(Project.class, id)) : Optional.empty();
    }

    public List<Project> listAll() {
        return em.createQuery("select p from Project p order by p.id", Project.class).getResultList();
    }

    public List<Project> listForMember(String userId) {
        return em.createQuery("select p from Project p join p.members m where m = :user order by p.id", Project.class)
                .setParameter("user", userId)
                .getResultList();
    }

    /** Deletes a project and its files; false when it did not exist. */
    public boolean delete(String id) {
        Optional<Project> project = find(id);
        project.ifPresent(p -> {
            files.listByProject(id).forEach(file -> files.delete(file.getId()));
            em.remove(p);
        });
        return project.isPresent();
    }

    /** Adds a member; false when the project does not exist. */
    public boolean addMember(String projectId, String userId) {
        Optional<Project> project = find(projectId);
        project.ifPresent(p -> p.getMembers().add(userId));
        return project.isPresent();
    }

    /**
     * Removes a member; false when the project does not exist. The user's connections to the project end once the
     * removal is committed ({@link ProjectConnections}).
     */
    public boolean removeMember(String projectId, String userId) {
        Optional<Project> project = find(projectId);
        project.ifPresent(p -> {
            if (p.getMembers().remove(userId)) {
                memberRemovals.publish(new MemberRemoved(projectId, userId));
            }
        });
        return project.isPresent();
    }
}
