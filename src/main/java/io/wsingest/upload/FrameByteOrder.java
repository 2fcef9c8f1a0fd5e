package io.wsingest.upload;

import java.nio.ByteOrder;

/** The byte order of the {@code offset} and {@code count} fields of a data message ({@code wsingest.upload.byte-order}). */
public enum FrameByteOrder {
    /** The default: the protocol comes from a .NET backend, whose {@code BinaryWriter} writes little-endian. */
    LITTLE_ENDIAN(ByteOrder.LITTLE_ENDIAN),
    /** Network byte order. */
    BIG_ENDIAN(ByteOrder.BIG_ENDIAN);

    private final ByteOrder order;

    FrameByteOrder(ByteOrder order) {
        this.order = order;
    }

    public ByteOrder order() {
        return order;
    }
}
