package io.wsingest.ocr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The status flow of one job, with a scripted engine and a progress that records every call. */
class OcrJobTest {

    @FunctionalInterface
    private interface Script {
        void run(OcrListener listener) throws OcrFailure, IOException;
    }

    private static OcrEngine engine(Script script) {
        return new OcrEngine() {
            @Override
            public String name() {
                return "scripted";
            }

            @Override
            public Set<String> contentTypes() {
                return Set.of("image/png");
            }

            @Override
            public void recognise(SeekableByteChannel image, String contentType, OcrListener listener)
                    throws OcrFailure, IOException {
                script.run(listener);
            }
        };
    }

    private static final OcrJob.Image NO_BYTES = () -> null;

    private final RecordingProgress progress = new RecordingProgress();

    private OcrJob job(Script script) {
        return new OcrJob("u1", NO_BYTES, "image/png", engine(script), progress);
    }

    @Test
    void streamsGrowingTextAfterEachLineThenReportsProcessed() {
        job(listener -> {
            listener.onLine("first line  ");
            listener.onLine("");
            listener.onLine("third");
        }).run();

        assertEquals(List.of(
                "started",
                "text:first line  ",
                "text:first line  \n",
                "text:first line  \n\nthird",
                "processed:first line  \n\nthird|first line\n\nthird"), progress.calls);
    }

    @Test
    void imageWithoutTextIsProcessedWithEmptyText() {
        job(listener -> { }).run();
        assertEquals(List.of("started", "processed:|"), progress.calls);
    }

    @Test
    void engineFailureEndsInErrorWithItsMessage() {
        job(listener -> {
            listener.onLine("page 1");
            throw new OcrFailure("Cannot read the PNG image: broken");
        }).run();
        assertEquals(List.of("started", "text:page 1", "failed:Cannot read the PNG image: broken"), progress.calls);
    }

    @Test
    void unexpectedEngineExceptionEndsInError() {
        job(listener -> {
            throw new IllegalStateException("bug");
        }).run();
        assertEquals(2, progress.calls.size(), progress.calls::toString);
        assertTrue(progress.calls.get(1).matches("failed:The OCR engine failed unexpectedly \\(ref [0-9a-f]{8}\\)\\."),
                progress.calls::toString);
    }

    /** A class or native library the engine cannot load (a server that lacks a library) fails the job, not silently. */
    @Test
    void anEngineThatCannotLoadAClassEndsInError() {
        job(listener -> {
            throw new NoClassDefFoundError("org/apache/commons/logging/LogFactory");
        }).run();
        assertEquals(2, progress.calls.size(), progress.calls::toString);
        assertTrue(progress.calls.get(1).matches("failed:The OCR engine failed unexpectedly \\(ref [0-9a-f]{8}\\)\\."),
                progress.calls::toString);
    }

    @Test
    void missingImageEndsInError() {
        new OcrJob("u1", () -> {
            throw new NoSuchFileException("blob");
        }, "image/png", engine(listener -> { }), progress).run();
        assertEquals(List.of("started", "failed:The image is no longer in the store"), progress.calls);
    }

    @Test
    void doesNotRunWhenTheUploadIsNoLongerWaiting() {
        progress.startAnswer = false;
        boolean[] engineRan = {false};
        job(listener -> engineRan[0] = true).run();
        assertEquals(List.of("started"), progress.calls);
        assertFalse(engineRan[0]);
    }

    @Test
    void cancelledBeforeStartDoesNothing() {
        OcrJob job = job(listener -> listener.onLine("x"));
        job.cancel();
        job.run();
        assertEquals(List.of(), progress.calls);
    }

    @Test
    void cancellingStopsAtTheNextLineWithoutFinalReport() {
        OcrJob[] self = new OcrJob[1];
        self[0] = job(listener -> {
            listener.onLine("one");
            self[0].cancel();
            assertTrue(listener.isCancelled());
            listener.onLine("two");
            listener.onLine("three");
        });
        self[0].run();
        assertEquals(List.of("started", "text:one"), progress.calls);
    }

    @Test
    void stopsWhenTheUploadDisappearsMidway() {
        progress.textsBeforeGone = 2;
        job(listener -> {
            listener.onLine("one");
            listener.onLine("two");
            listener.onLine("three");
        }).run();
        assertEquals(List.of("started", "text:one", "text:one\ntwo"), progress.calls);
    }

    @Test
    void failingProgressDoesNotEscapeTheJobWhichLetsGoOfIt() {
        boolean[] engineRan = {false};
        RecordingProgress progress = new RecordingProgress() {
            @Override
            public boolean started() {
                throw new IllegalStateException("database down");
            }
        };
        OcrJob job = new OcrJob("u1", NO_BYTES, "image/png", engine(listener -> engineRan[0] = true), progress);
        assertDoesNotThrow(job::run);
        assertTrue(job.elapsedMillis() >= 0, "the job ended");
        assertFalse(engineRan[0], "a job that could not report its start does not run");
        assertEquals(List.of("abandoned"), progress.calls, "nothing is reported after the failure but that");
    }

    @Test
    void cleanupTrimsLinesAndCollapsesBlankRuns() {
        assertEquals("a\n\nb c", TextCleanup.clean("\n\n a  \r\n\n\n\nb\t\nc\n\n"));
        assertEquals("", TextCleanup.clean(" \n \n"));
    }

    @Test
    void linesWithinTheEventIntervalAreSentTogether() {
        long[] millis = {0};
        RecordingProgress progress = new RecordingProgress();
        new OcrJob("u1", NO_BYTES, "image/png", engine(listener -> {
            listener.onLine("a");
            millis[0] += 50;
            listener.onLine("b");
            millis[0] += 200;
            listener.onLine("c");
            millis[0] += 10;
            listener.onLine("d");
        }), progress, null, Duration.ofMillis(100), () -> millis[0] * 1_000_000).run();
        assertEquals(List.of("started", "text:a", "text:a\nb\nc", "processed:a\nb\nc\nd|a b c d"), progress.calls);
    }

    @Test
    void aJobBeyondItsTimeLimitStopsAtTheNextLineAndFails() {
        long[] millis = {0};
        RecordingProgress progress = new RecordingProgress();
        new OcrJob("u1", NO_BYTES, "image/png", engine(listener -> {
            listener.onLine("a");
            millis[0] += 2_000;
            if (!listener.isCancelled()) {
                listener.onLine("b");
            }
        }), progress, Duration.ofSeconds(1), Duration.ZERO, () -> millis[0] * 1_000_000).run();
        assertEquals(List.of("started", "text:a",
                "failed:OCR stopped: the job took longer than the limit of 1 seconds; try a smaller image."),
                progress.calls);
    }

    @Test
    void measuresTheTimeToTheFirstLineAndTheWholeJob() {
        long[] millis = {1_000};
        OcrJob job = new OcrJob("u1", NO_BYTES, "image/png", engine(listener -> {
            millis[0] += 230;
            listener.onLine("a");
            millis[0] += 900;
            listener.onLine("b");
        }), new RecordingProgress(), null, Duration.ZERO, () -> millis[0] * 1_000_000);
        assertEquals(Optional.empty(), job.firstLineAfter());

        job.run();

        assertEquals(Optional.of(Duration.ofMillis(230)), job.firstLineAfter());
        assertEquals(Optional.of(Duration.ofMillis(1130)), job.elapsed());
    }

    @Test
    void aJobWithoutTextHasNoFirstLine() {
        OcrJob job = new OcrJob("u1", NO_BYTES, "image/png", engine(listener -> { }), new RecordingProgress());
        job.run();
        assertEquals(Optional.empty(), job.firstLineAfter());
        assertTrue(job.elapsed().isPresent());
    }

    @Test
    void aJobThatNeverStartedHasNoDuration() {
        OcrJob job = new OcrJob("u1", NO_BYTES, "image/png", engine(listener -> listener.onLine("a")),
                new RecordingProgress());
        job.cancel();
        job.run();
        assertEquals(Optional.empty(), job.elapsed());
    }
}
