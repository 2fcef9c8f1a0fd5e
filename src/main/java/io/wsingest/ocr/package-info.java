/**
 * OCR: the {@link io.wsingest.ocr.OcrEngine} interface, jobs that stream an engine's lines as growing text, and the
 * bounded queue that runs them on the server's managed executor. The engine is Tesseract
 * ({@link io.wsingest.ocr.TesseractEngine}), reading line by line after a layout analysis.
 */
package io.wsingest.ocr;
