package io.wsingest.projects;

/**
 * A CDI event: the user is no longer a member of the project. Fired when the removal is made; observers that act on
 * open connections observe it after the transaction commits.
 */
public record MemberRemoved(String projectId, String userId) {
}
