package io.wsingest.ocr;

/** The {@link OcrStatsMBean} of one queue. */
final class OcrStats implements OcrStatsMBean {

    private final OcrQueue queue;

    OcrStats(OcrQueue queue) {
        this.queue = queue;
    }

    @Override
    public int getWaiting() {
        return queue.waitingCount();
    }

    @Override
    public int getRunning() {
        return queue.runningCount();
    }

    @Override
    public long getFinished() {
        return queue.finishedCount();
    }

    @Override
    public long getLastJobMillis() {
        return queue.lastJobMillis();
    }

    @Override
    public long getMeanJobMillis() {
        long finished = queue.finishedCount();
        return finished == 0 ? -1 : queue.totalJobMillis() / finished;
    }
}
