package io.wsingest.admin;

import java.time.Instant;
import java.util.List;

/**
 * What {@code GET /api/admin/figures} answers: one sample of the figures, taken at {@code at} on {@code node}.
 *
 * @param protocols A to E, in that order
 */
public record Figures(Instant at, String node, List<ProtocolFigures> protocols, Ocr ocr, Disk disk) {

    /** The OCR queue of this node. */
    public record Ocr(int waiting, int running, int workers, int queueLimit) {
    }

    /**
     * The blob store's file system.
     *
     * @param freeBytes    free space available to the server; null (left out of the JSON) when the file system could
     *                     not be asked
     * @param minFreeBytes the reserve uploads never write into ({@code wsingest.storage.min-free-bytes})
     * @param error        null, or why {@code freeBytes} is missing, with the incident reference of the log's warning
     */
    public record Disk(Long freeBytes, long minFreeBytes, String error) {
    }
}
