package io.wsingest.projects;

/** A CDI event: the user is no longer a member of the project. {@link ProjectConnections} acts on it once committed. */
record MemberRemoved(String projectId, String userId) {
}
