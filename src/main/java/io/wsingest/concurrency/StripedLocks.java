package io.wsingest.concurrency;

/**
 * A fixed set of monitors chosen by a key's hash: "one lock per key" without a map that grows with the keys. Two
 * keys may share a monitor, which only serialises them needlessly, never wrongly. Hold one only for short
 * bookkeeping or file operations, and never two at once (to rule out lock-order deadlocks).
 */
public final class StripedLocks {

    private final Object[] stripes;

    public StripedLocks(int count) {
        stripes = new Object[count];
        for (int i = 0; i < count; i++) {
            stripes[i] = new Object();
        }
    }

    /** The monitor to synchronise on for this key. */
    public Object forKey(String key) {
        return stripes[Math.floorMod(key.hashCode(), stripes.length)];
    }
}
