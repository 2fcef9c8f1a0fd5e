package io.wsingest.ocr;

import io.wsingest.config.ConfigReader;
import io.wsingest.config.Settings;

/**
 * How many OCR jobs run at once and how many may wait.
 *
 * @param workers    jobs running at the same time, each on a thread of the managed executor ({@code wsingest.ocr.workers})
 * @param queueLimit jobs waiting for a worker; a job beyond it is refused and its upload ends in {@code error}
 *                   ({@code wsingest.ocr.queue-limit})
 */
public record OcrSettings(int workers, int queueLimit) implements Settings {

    static final String WORKERS = "wsingest.ocr.workers";
    static final String QUEUE_LIMIT = "wsingest.ocr.queue-limit";

    public OcrSettings {
        if (workers < 1 || queueLimit < 0) {
            throw new IllegalArgumentException("workers must be at least 1 and queueLimit not negative");
        }
    }

    public static OcrSettings from(ConfigReader r) {
        return new OcrSettings(
                r.intInRange(WORKERS, 2, 1, 64),
                r.intInRange(QUEUE_LIMIT, 100, 0, 100_000));
    }
}
