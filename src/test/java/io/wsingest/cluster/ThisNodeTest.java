package io.wsingest.cluster;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ThisNodeTest {

    private final ThisNode node = new ThisNode();

    @Test
    void aLeaseOfAnEarlierRunOfThisNodeIsDead() {
        assertTrue(node.isEarlierRun(node.name() + "/0badc0de"));
    }

    @Test
    void leasesOfThisRunOfOtherNodesOrOfNobodyAreNot() {
        assertFalse(node.isEarlierRun(node.leaseOwner()));
        assertFalse(node.isEarlierRun("other-" + node.name() + "/0badc0de"));
        assertFalse(node.isEarlierRun(node.name() + "-2/0badc0de"), "a node whose name starts like this one's");
        assertFalse(node.isEarlierRun(node.name() + "/x/y"));
        assertFalse(node.isEarlierRun(null));
    }

    @Test
    void eachRunHasItsOwnOwnerName() {
        assertNotEquals(node.leaseOwner(), new ThisNode().leaseOwner());
    }
}
