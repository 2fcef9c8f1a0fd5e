package io.wsingest.ocr;

import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
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

    @Produces
    @Singleton
    OcrEngine ocrEngine() {
        OcrEngine engine = new ImageMetadataEngine();
        LOG.info(() -> "OCR engine " + engine.name() + " reads " + engine.contentTypes()
                + "; it is the placeholder until Tesseract and reports image metadata, not text");
        return engine;
    }
}
