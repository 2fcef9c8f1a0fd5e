package io.wsingest.projects;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class ProjectConnectionsTest {

    private final ProjectConnections connections = new ProjectConnections();
    private final List<String> revoked = new ArrayList<>();

    @Test
    void endsOnlyTheRemovedUsersConnectionsToThatProject() {
        connections.register("p1", "ann", () -> revoked.add("ann@p1 first"));
        connections.register("p1", "ann", () -> revoked.add("ann@p1 second"));
        connections.register("p2", "ann", () -> revoked.add("ann@p2"));
        connections.register("p1", "bob", () -> revoked.add("bob@p1"));

        connections.memberRemoved(new MemberRemoved("p1", "ann"));

        assertEquals(List.of("ann@p1 first", "ann@p1 second"), revoked.stream().sorted().toList());
    }

    @Test
    void aClosedConnectionIsNotEnded() {
        connections.register("p1", "ann", () -> revoked.add("closed")).close();

        connections.memberRemoved(new MemberRemoved("p1", "ann"));

        assertEquals(List.of(), revoked);
    }
}
