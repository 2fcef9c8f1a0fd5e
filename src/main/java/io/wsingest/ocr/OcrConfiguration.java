package io.wsingest.ocr;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.wsingest.config.ConfigReader;

/** The OCR settings and the application's one engine. */
@ApplicationScoped
public class OcrConfiguration {

    private static final Logger LOG = Logger.getLogger(OcrConfiguration.class.getName());

    @Produces
    @Singleton
    OcrSettings ocrSettings(ConfigReader config) {
        return OcrSettings.from(config);
    }

    /** Tesseract with the configured models; a missing model throws here, which fails the deployment. */
    @Produces
    @Singleton
    OcrEngine ocrEngine(OcrSettings settings) {
        long start = System.nanoTime();
        TesseractEngine engine = new TesseractEngine(settings);
        LOG.info(() -> "OCR engine " + engine.name() + " reads " + engine.contentTypes() + " in " + engine.languages()
                + "; ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
        return engine;
    }

    void closeEngine(@Disposes OcrEngine engine) throws Exception {
        if (engine instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
