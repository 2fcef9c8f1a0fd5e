package io.wsingest.ocr;

import java.util.ArrayList;
import java.util.List;

/** Records the calls in order, as "started", "text:…", "processed:…|…", "failed:…", "abandoned". */
class RecordingProgress implements OcrJob.Progress {
    final List<String> calls = new ArrayList<>();
    boolean startAnswer = true;
    int textsBeforeGone = Integer.MAX_VALUE;
    /** The raw text of the {@code processed} call, once there was one. */
    String rawText;

    @Override
    public boolean started() {
        calls.add("started");
        return startAnswer;
    }

    @Override
    public boolean text(String soFar) {
        calls.add("text:" + soFar);
        return --textsBeforeGone > 0;
    }

    @Override
    public void processed(String rawText, String processedText) {
        calls.add("processed:" + rawText + "|" + processedText);
        this.rawText = rawText;
    }

    @Override
    public void failed(String message) {
        calls.add("failed:" + message);
    }

    @Override
    public void abandoned() {
        calls.add("abandoned");
    }
}
