package io.wsingest.health;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.eclipse.microprofile.health.Readiness;

import io.wsingest.ocr.OcrService;

/** The OCR engine started; turned off on purpose ({@code wsingest.ocr.enabled=false}) is up, not a fault. */
@Readiness
@ApplicationScoped
public class OcrCheck extends ComponentCheck {

    @Inject
    OcrService ocr;

    @Override
    public String name() {
        return "ocr";
    }

    @Override
    protected ProbeResult probe() {
        return switch (ocr.state()) {
            case RUNNING -> ProbeResult.UP;
            case DISABLED -> new ProbeResult(true, "turned off");
            case FAILED -> ProbeResult.down("the OCR engine could not start; see the server log");
        };
    }
}
