package io.wsingest.ocr;

import java.util.function.Function;
import java.util.logging.Level;
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

    /** Tesseract with the configured models, or a stand-in when OCR is off or Tesseract cannot start. */
    @Produces
    @Singleton
    OcrEngine ocrEngine(OcrSettings settings) {
        return engine(settings, TesseractEngine::new);
    }

    /**
     * The engine {@code tesseract} makes, or a stand-in. A machine without Tesseract's natives (ARM, macOS: the WAR
     * carries Linux x86-64 ones) or without a configured model still deploys: every other protocol works, OCR is
     * refused, and readiness says why.
     */
    static OcrEngine engine(OcrSettings settings, Function<OcrSettings, ? extends OcrEngine> tesseract) {
        if (!settings.enabled()) {
            LOG.info(() -> "OCR is turned off (" + OcrSettings.ENABLED + "=false): protocol D refuses new uploads"
                    + " and re-runs");
            return new UnavailableEngine(OcrState.DISABLED);
        }
        long start = System.nanoTime();
        try {
            OcrEngine engine = tesseract.apply(settings);
            LOG.info(() -> "OCR engine " + engine.name() + " reads " + engine.contentTypes() + " in "
                    + settings.languages() + "; ready in " + (System.nanoTime() - start) / 1_000_000 + " ms");
            return engine;
        } catch (RuntimeException | LinkageError e) {
            // LinkageError: UnsatisfiedLinkError or a failed static initialiser when the natives do not load.
            LOG.log(Level.SEVERE, "The OCR engine could not start, so OCR is unavailable on this server: protocol D"
                    + " refuses new uploads and re-runs, and readiness reports OCR down. Fix the cause below, or set "
                    + OcrSettings.ENABLED + "=false where OCR cannot run", e);
            return new UnavailableEngine(OcrState.FAILED);
        }
    }

    void closeEngine(@Disposes OcrEngine engine) throws Exception {
        if (engine instanceof AutoCloseable closeable) {
            closeable.close();
        }
    }
}
