package io.wsingest.projects;

/**
 * The user is no longer a member of the project. {@link MemberRemovals} tells every node once the removal is
 * committed, and each node's {@link ProjectConnections} ends that user's connections into the project.
 */
record MemberRemoved(String projectId, String userId) {
}
