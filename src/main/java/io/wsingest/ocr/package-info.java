/**
 * OCR: the {@link io.wsingest.ocr.OcrEngine} interface, jobs that stream an engine's lines as growing text, and the
 * bounded queue that runs them on the server's managed executor. The engine today is a placeholder that reports image
 * metadata; Tesseract replaces it behind the same interface.
 */
package io.wsingest.ocr;
