package io.wsingest.net;

import java.util.ArrayList;
import java.util.List;

/** A list of {@link CidrRange}s, as settings give them; an address matches when any range contains it. */
public final class CidrList {

    private static final CidrList EMPTY = new CidrList(List.of());

    private final List<CidrRange> ranges;

    private CidrList(List<CidrRange> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    public static CidrList empty() {
        return EMPTY;
    }

    /** Parses each entry; throws {@link IllegalArgumentException} naming the first bad one. */
    public static CidrList parse(List<String> entries) {
        List<CidrRange> ranges = new ArrayList<>();
        for (String entry : entries) {
            ranges.add(CidrRange.parse(entry));
        }
        return new CidrList(ranges);
    }

    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether some range contains the address; false for null or anything that is not an IP literal. */
    public boolean contains(String address) {
        var bytes = CidrRange.literalBytes(address);
        if (bytes.isEmpty()) {
            return false;
        }
        for (CidrRange range : ranges) {
            if (range.contains(bytes.get())) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
