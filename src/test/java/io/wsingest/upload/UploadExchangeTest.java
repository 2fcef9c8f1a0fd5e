package io.wsingest.upload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import io.wsingest.storage.QuotaExceededException;
import io.wsingest.upload.UploadExchange.Admitted;
import io.wsingest.upload.UploadExchange.ConnectRequest;
import io.wsingest.upload.UploadExchange.Phase;
import io.wsingest.upload.UploadExchange.Refused;
import io.wsingest.websocket.Disconnect;

/** Every rule of protocol A, one test each, without a container. */
class UploadExchangeTest {

    private static final UploadSettings SETTINGS = new UploadSettings(32768, FrameByteOrder.LITTLE_ENDIAN,
            Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofHours(24), 1L << 30);
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final UploadFrameCodec CODEC = new UploadFrameCodec(ByteOrder.LITTLE_ENDIAN, 32768);

    private static UploadExchange machine(boolean saveMedia) {
        return new UploadExchange(SETTINGS, FileStateInfoJson::read, new Admitted("ann", "survey", saveMedia));
    }

    private static UploadChain chain(UploadState state, long durableOffset, Long total, Instant updatedAt) {
        return new UploadChain("u1", "survey", "ann", "scan.tif", total, durableOffset, true, state,
                "upload-u1", null, null, null, T0.minusSeconds(3600), updatedAt);
    }

    private static UploadChain inProgress(long durableOffset, Long total) {
        return chain(UploadState.IN_PROGRESS, durableOffset, total, T0.minusSeconds(10));
    }

    private static String answer(String fileName, Long total, long offset) {
        return FileStateInfoJson.write(new FileStateInfo(false, fileName, 32768, total, offset));
    }

    private static ByteBuffer frame(long offset, int count) {
        return CODEC.encode(offset, ByteBuffer.allocate(count));
    }

    private static Disconnect closeOf(UploadStep step) {
        return assertInstanceOf(UploadStep.Close.class, step).disconnect();
    }

    /** A new upload of {@code total} bytes, handshake accepted. */
    private static UploadExchange uploading(Long total) {
        UploadExchange m = machine(true);
        m.offer(Optional.empty(), T0);
        assertInstanceOf(UploadStep.Begin.class, m.onText(answer("scan.tif", total, 0), T0));
        return m;
    }

    @Nested
    class Admission {

        private final UploadExchange.AccessCheck everything = (userId, projectId) -> true;

        private final UploadExchange.AccessCheck nothing = (userId, projectId) -> false;

        private Disconnect refusal(ConnectRequest request, UploadExchange.AccessCheck access) {
            return assertInstanceOf(Refused.class, UploadExchange.admit(request, access)).disconnect();
        }

        @Test
        void refusesAConnectionWithoutAValidToken() {
            assertEquals(new Disconnect(1008, "Unauthorized: token expired"),
                    refusal(new ConnectRequest(null, "token expired", "survey", null), everything));
        }

        @Test
        void refusesAMissingProjectId() {
            assertEquals(new Disconnect(1008, "Project id not set"),
                    refusal(new ConnectRequest("ann", null, null, null), everything));
            assertEquals(new Disconnect(1008, "Project id not set"),
                    refusal(new ConnectRequest("ann", null, " ", null), everything));
        }

        @Test
        void refusesASaveMediaThatIsNotABoolean() {
            assertEquals(new Disconnect(1008, "saveMedia must be true or false"),
                    refusal(new ConnectRequest("ann", null, "survey", "yes"), everything));
        }

        @Test
        void refusesAProjectTheUserCannotAccess() {
            assertEquals(new Disconnect(1001, "Project does not exist or user does not have access to it"),
                    refusal(new ConnectRequest("ann", null, "survey", null), nothing));
        }

        @Test
        void checksTheTokenBeforeAnythingElse() {
            assertEquals(1008, refusal(new ConnectRequest(null, "missing token", null, "bad"), nothing).code());
        }

        @Test
        void admitsWithSaveMediaDefaultingToTrue() {
            assertEquals(new Admitted("ann", "survey", true),
                    UploadExchange.admit(new ConnectRequest("ann", null, "survey", null), everything));
            assertEquals(new Admitted("ann", "survey", false),
                    UploadExchange.admit(new ConnectRequest("ann", null, "survey", "False"), everything));
        }
    }

    @Nested
    class Offer {

        @Test
        void offersAnUninitializedStateWhenTheProjectHasNoUpload() {
            UploadStep step = machine(true).offer(Optional.empty(), T0);
            assertEquals(new FileStateInfo(false, null, 32768, null, 0),
                    assertInstanceOf(UploadStep.Offer.class, step).info());
        }

        @Test
        void offersTheDurableOffsetOfAnInterruptedUpload() {
            UploadStep step = machine(true).offer(Optional.of(inProgress(4096, 10_000L)), T0);
            assertEquals(new FileStateInfo(true, "scan.tif", 32768, 10_000L, 4096),
                    assertInstanceOf(UploadStep.Offer.class, step).info());
        }

        @Test
        void refusesAChainThatIsAlreadyCompleted() {
            UploadExchange m = machine(true);
            assertEquals(new Disconnect(1008, "Cannot upload, already completed"),
                    closeOf(m.offer(Optional.of(chain(UploadState.COMPLETED, 10, 10L, T0)), T0)));
            assertEquals(Phase.CLOSED, m.phase());
        }

        @Test
        void refusesAChainThatFailedAsFinished() {
            assertEquals(new Disconnect(1008, "Cannot upload, already completed"),
                    closeOf(machine(true).offer(Optional.of(chain(UploadState.FAILED, 3, 10L, T0)), T0)));
        }

        @Test
        void refusesToContinueAStreamAsAFileAndTheOtherWayRound() {
            assertEquals(new Disconnect(1008,
                            "Upload was started with saveMedia=true, cannot continue with saveMedia=false"),
                    closeOf(machine(false).offer(Optional.of(inProgress(0, null)), T0)));
        }

        @Test
        void offersAnExpiredChainSoTheAnswerCanBeRefused() {
            UploadStep step = machine(true).offer(Optional.of(chain(UploadState.EXPIRED, 7, 10L, T0)), T0);
            assertTrue(assertInstanceOf(UploadStep.Offer.class, step).info().isInitialized());
        }

        @Test
        void canBeOfferedAgainWithAFresherChain() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(10, 100L)), T0);
            UploadStep step = m.offer(Optional.of(inProgress(20, 100L)), T0);
            assertEquals(20, assertInstanceOf(UploadStep.Offer.class, step).info().currentFileOffset());
        }

        @Test
        void cannotBeOfferedOnceUploading() {
            UploadExchange m = uploading(10L);
            assertThrows(IllegalStateException.class, () -> m.offer(Optional.empty(), T0));
        }
    }

    @Nested
    class Handshake {

        @Test
        void refusesATotalFileSizeAboveTheLimitBeforeAnyByte() {
            for (long total : new long[] {(1L << 30) + 1, Long.MAX_VALUE}) {
                UploadExchange m = machine(true);
                m.offer(Optional.empty(), T0);

                assertEquals(new Disconnect(1009, "File too large, the limit is 1073741824B"),
                        closeOf(m.onText(answer("scan.tif", total, 0), T0)));
                assertEquals(UploadExchange.Phase.CLOSED, m.phase());
            }
        }

        @Test
        void acceptsATotalFileSizeOfExactlyTheLimit() {
            assertEquals(1L << 30, uploading(1L << 30).totalSize());
        }

        @Test
        void startsANewUploadAtOffsetZero() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            UploadStep step = m.onText(answer("scan.tif", 10_000L, 0), T0);
            assertEquals(new UploadStep.Begin(false, "scan.tif", 10_000L, 0, false), step);
            assertEquals(Phase.UPLOADING, m.phase());
        }

        @Test
        void startsAStreamOfUnknownSize() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertEquals(new UploadStep.Begin(false, "live.ts", null, 0, false), m.onText(answer("live.ts", null, 0), T0));
        }

        @Test
        void completesAnEmptyFileAtOnce() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertEquals(new UploadStep.Begin(false, "empty.txt", 0L, 0, true), m.onText(answer("empty.txt", 0L, 0), T0));
            assertEquals(Phase.COMPLETED, m.phase());
        }

        @Test
        void keepsOnlyTheFileNameOfAPath() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            UploadStep step = m.onText(answer("C:\\scans\\scan.tif", 1L, 0), T0);
            assertEquals("scan.tif", assertInstanceOf(UploadStep.Begin.class, step).fileName());
        }

        @Test
        void requiresAFileNameForANewUpload() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertEquals(new Disconnect(1007, "Invalid FileStateInfo: FileName is required"),
                    closeOf(m.onText(answer("  ", 1L, 0), T0)));
        }

        @Test
        void refusesMalformedJson() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertEquals(new Disconnect(1007, "Invalid FileStateInfo: not a JSON object"), closeOf(m.onText("{", T0)));
        }

        @Test
        void refusesAnOffsetTheServerDoesNotHaveForANewUpload() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertEquals(new Disconnect(1008, "To restore upload, transfer has to be continuous"),
                    closeOf(m.onText(answer("scan.tif", 100L, 50), T0)));
        }

        @Test
        void resumesAtTheSameOffset() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(4096, 10_000L)), T0);
            assertEquals(new UploadStep.Begin(true, "scan.tif", 10_000L, 4096, false),
                    m.onText(answer("other-name.tif", 10_000L, 4096), T0));
            assertEquals(4096, m.received());
        }

        @Test
        void resumesWhenTheAnswerLeavesTheTotalOut() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(4096, 10_000L)), T0);
            UploadStep step = m.onText(answer(null, null, 4096), T0);
            assertEquals(10_000L, assertInstanceOf(UploadStep.Begin.class, step).totalSize());
        }

        @Test
        void resumesAnUploadWithNoDurableBytesYet() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(0, 10L)), T0);
            assertEquals(new UploadStep.Begin(true, "scan.tif", 10L, 0, false), m.onText(answer("scan.tif", 10L, 0), T0));
        }

        @Test
        void completesAResumedUploadThatHasEveryByte() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(10, 10L)), T0);
            assertTrue(assertInstanceOf(UploadStep.Begin.class, m.onText(answer("scan.tif", 10L, 10), T0)).complete());
        }

        @Test
        void refusesARestoreWithAnotherTotalSize() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(4096, 10_000L)), T0);
            assertEquals(new Disconnect(1007,
                            "Invalid FileStateInfo: TotalFileSize 9999 differs from the upload being restored (10000)"),
                    closeOf(m.onText(answer("scan.tif", 9999L, 4096), T0)));
        }

        @Test
        void refusesToRestartAnExistingUpload() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(4096, 10_000L)), T0);
            assertEquals(new Disconnect(1008, "Upload cannot be restarted, destroy chain and try again"),
                    closeOf(m.onText(answer("scan.tif", 10_000L, 0), T0)));
        }

        @Test
        void refusesARestoreAtAnotherOffset() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(4096, 10_000L)), T0);
            assertEquals(new Disconnect(1008, "To restore upload, transfer has to be continuous"),
                    closeOf(m.onText(answer("scan.tif", 10_000L, 5000), T0)));
        }

        @Test
        void refusesARestoreAfterTheRestoreWindow() {
            UploadExchange m = machine(true);
            Instant interrupted = T0.minus(Duration.ofHours(24));
            m.offer(Optional.of(chain(UploadState.IN_PROGRESS, 4096, 10_000L, interrupted)), T0);
            assertEquals(new Disconnect(1008, "Upload cannot be restored, restore timed out"),
                    closeOf(m.onText(answer("scan.tif", 10_000L, 4096), T0)));
        }

        @Test
        void refusesARestoreOfAnExpiredChainAtAnyOffset() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(chain(UploadState.EXPIRED, 4096, 10_000L, T0)), T0);
            assertEquals(new Disconnect(1008, "Upload cannot be restored, restore timed out"),
                    closeOf(m.onText(answer("scan.tif", 10_000L, 100), T0)));
        }

        @Test
        void refusesARestartOfAnExpiredChainAsARestart() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(chain(UploadState.EXPIRED, 4096, 10_000L, T0)), T0);
            assertEquals(new Disconnect(1008, "Upload cannot be restarted, destroy chain and try again"),
                    closeOf(m.onText(answer("scan.tif", 10_000L, 0), T0)));
        }

        @Test
        void restoresJustBeforeTheWindowCloses() {
            UploadExchange m = machine(true);
            Instant interrupted = T0.minus(Duration.ofHours(24)).plusSeconds(1);
            m.offer(Optional.of(chain(UploadState.IN_PROGRESS, 4096, 10_000L, interrupted)), T0);
            assertInstanceOf(UploadStep.Begin.class, m.onText(answer("scan.tif", 10_000L, 4096), T0));
        }

        @Test
        void refusesAnAnswerToASupersededConnection() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            m.supersede();
            assertEquals(new Disconnect(1008, "Upload reconnected during receiving data from last websocket"),
                    closeOf(m.onText(answer("scan.tif", 1L, 0), T0)));
        }

        @Test
        void refusesAnAnswerAfterTheChainWasDestroyed() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(1, 5L)), T0);
            m.finishElsewhere();
            assertEquals(new Disconnect(1001,
                            "Attempt to write to completed upload for project survey. (on active upload? False)"),
                    closeOf(m.onText(answer("scan.tif", 5L, 1), T0)));
        }

        @Test
        void refusesDataBeforeTheAnswer() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertEquals(new Disconnect(1007,
                            "Invalid FileStateInfo: the FileStateInfo answer must come before any data"),
                    closeOf(m.onBinary(frame(0, 1), T0)));
        }

        @Test
        void refusesTextOnceUploading() {
            assertEquals(new Disconnect(1003, "Unexpected text message, data messages are binary"),
                    closeOf(uploading(10L).onText(answer("scan.tif", 10L, 0), T0)));
        }
    }

    @Nested
    class Data {

        @Test
        void refusesAStreamOfUnknownSizeGrowingPastTheLimit() {
            UploadSettings small = new UploadSettings(32768, FrameByteOrder.LITTLE_ENDIAN, Duration.ofSeconds(5),
                    Duration.ofSeconds(60), Duration.ofHours(24), 1500);
            UploadExchange m = new UploadExchange(small, FileStateInfoJson::read,
                    new Admitted("ann", "survey", true));
            m.offer(Optional.empty(), T0);
            m.onText(answer("scan.tif", null, 0), T0);

            assertInstanceOf(UploadStep.Write.class, m.onBinary(frame(0, 1000), T0));
            assertInstanceOf(UploadStep.Write.class, m.onBinary(frame(1000, 500), T0));
            assertEquals(new Disconnect(1009, "File too large, the limit is 1500B"),
                    closeOf(m.onBinary(frame(1500, 1), T0)));
        }

        @Test
        void acceptsDataThatContinuesWhereThePreviousEnded() {
            UploadExchange m = uploading(100L);
            UploadStep.Write first = assertInstanceOf(UploadStep.Write.class, m.onBinary(frame(0, 40), T0));
            assertEquals(40, first.data().remaining());
            assertFalse(first.complete());
            assertInstanceOf(UploadStep.Write.class, m.onBinary(frame(40, 40), T0));
            assertEquals(80, m.received());
        }

        @Test
        void completesWithTheLastByteOfTheAnnouncedSize() {
            UploadExchange m = uploading(100L);
            m.onBinary(frame(0, 60), T0);
            assertTrue(assertInstanceOf(UploadStep.Write.class, m.onBinary(frame(60, 40), T0)).complete());
            assertEquals(Phase.COMPLETED, m.phase());
        }

        @Test
        void neverCompletesAStreamOnData() {
            UploadExchange m = uploading(null);
            assertFalse(assertInstanceOf(UploadStep.Write.class, m.onBinary(frame(0, 60), T0)).complete());
        }

        @Test
        void acceptsAnEmptyDataMessage() {
            assertInstanceOf(UploadStep.Write.class, uploading(10L).onBinary(frame(0, 0), T0));
        }

        @Test
        void refusesDataThatDoesNotContinueWhereThePreviousEnded() {
            UploadExchange m = uploading(100L);
            m.onBinary(frame(0, 40), T0);
            assertEquals(new Disconnect(1008, "Transfer has to be continuous, server has 40B of data, not 30B"),
                    closeOf(m.onBinary(frame(30, 10), T0)));
        }

        @Test
        void refusesDataAfterAGap() {
            assertEquals(new Disconnect(1008, "Transfer has to be continuous, server has 0B of data, not 5B"),
                    closeOf(uploading(100L).onBinary(frame(5, 10), T0)));
        }

        @Test
        void refusesDataBeyondTheAnnouncedSize() {
            UploadExchange m = uploading(100L);
            m.onBinary(frame(0, 90), T0);
            assertEquals(new Disconnect(1007, "Invalid value of data size"), closeOf(m.onBinary(frame(90, 11), T0)));
        }

        @Test
        void refusesACountThatDoesNotMatchTheData() {
            ByteBuffer lying = CODEC.encode(0, ByteBuffer.allocate(4));
            lying.putShort(8, (short) 5);
            assertEquals(new Disconnect(1007, "Invalid value of data size"), closeOf(uploading(100L).onBinary(lying, T0)));
        }

        @Test
        void refusesAMessageLargerThanTheBuffer() {
            ByteBuffer huge = ByteBuffer.allocate(40_000);
            assertEquals(new Disconnect(1009, "Message does not fit into 32768B buffer"),
                    closeOf(uploading(100_000L).onBinary(huge, T0)));
        }

        @Test
        void refusesDataOnASupersededConnection() {
            UploadExchange m = uploading(100L);
            m.onBinary(frame(0, 10), T0);
            m.supersede();
            assertEquals(new Disconnect(1008, "Upload reconnected during receiving data from last websocket"),
                    closeOf(m.onBinary(frame(10, 10), T0)));
        }

        @Test
        void reportsReconnectionBeforeAMalformedMessage() {
            UploadExchange m = uploading(100L);
            m.supersede();
            assertEquals(1008, closeOf(m.onBinary(ByteBuffer.allocate(3), T0)).code());
        }

        @Test
        void refusesDataAfterItsOwnCompletionAsActive() {
            UploadExchange m = uploading(10L);
            m.onBinary(frame(0, 10), T0);
            assertEquals(new Disconnect(1001,
                            "Attempt to write to completed upload for project survey. (on active upload? True)"),
                    closeOf(m.onBinary(frame(10, 1), T0)));
        }

        @Test
        void refusesDataAfterTheChainWasFinishedElsewhereAsInactive() {
            UploadExchange m = uploading(10L);
            m.finishElsewhere();
            assertEquals(new Disconnect(1001,
                            "Attempt to write to completed upload for project survey. (on active upload? False)"),
                    closeOf(m.onBinary(frame(0, 1), T0)));
        }

        @Test
        void ignoresMessagesOnceClosed() {
            UploadExchange m = uploading(10L);
            m.onBinary(frame(3, 1), T0);
            assertSame(UploadStep.IGNORE, m.onBinary(frame(0, 1), T0));
            assertSame(UploadStep.IGNORE, m.onText("{}", T0));
        }
    }

    @Nested
    class Ticks {

        @Test
        void reportsWhileUploading() {
            assertSame(UploadStep.HEARTBEAT, uploading(10L).onTick(T0.plusSeconds(5)));
        }

        @Test
        void doesNotReportBeforeTheHandshake() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertSame(UploadStep.IGNORE, m.onTick(T0.plusSeconds(5)));
        }

        @Test
        void closesAConnectionIdleForTheTimeout() {
            UploadExchange m = uploading(10L);
            assertSame(UploadStep.HEARTBEAT, m.onTick(T0.plusSeconds(59)));
            assertEquals(new Disconnect(1008, "Connection timeouted after 60s"), closeOf(m.onTick(T0.plusSeconds(60))));
        }

        @Test
        void countsEveryMessageAsActivity() {
            UploadExchange m = uploading(100L);
            m.onBinary(frame(0, 1), T0.plusSeconds(50));
            assertSame(UploadStep.HEARTBEAT, m.onTick(T0.plusSeconds(100)));
        }

        @Test
        void closesAConnectionThatNeverAnswersTheHandshake() {
            UploadExchange m = machine(true);
            m.offer(Optional.empty(), T0);
            assertEquals(1008, closeOf(m.onTick(T0.plusSeconds(60))).code());
        }

        @Test
        void stopsReportingOnceSuperseded() {
            UploadExchange m = uploading(10L);
            m.supersede();
            assertSame(UploadStep.IGNORE, m.onTick(T0.plusSeconds(5)));
            assertFalse(m.ownsUpload());
        }

        @Test
        void stopsReportingOnceFinishedElsewhere() {
            UploadExchange m = uploading(10L);
            m.finishElsewhere();
            assertSame(UploadStep.IGNORE, m.onTick(T0.plusSeconds(5)));
        }

        @Test
        void doesNothingAfterCompletion() {
            UploadExchange m = uploading(1L);
            m.onBinary(frame(0, 1), T0);
            assertSame(UploadStep.IGNORE, m.onTick(T0.plusSeconds(600)));
        }
    }

    @Nested
    class Closing {

        @Test
        void normalCloseCompletesAStreamOfUnknownSize() {
            UploadExchange m = uploading(null);
            m.onBinary(frame(0, 10), T0);
            assertSame(UploadStep.COMPLETE_STREAM, m.onClientClose(1000));
            assertEquals(Phase.CLOSED, m.phase());
        }

        @Test
        void normalCloseInterruptsAFileOfKnownSize() {
            UploadExchange m = uploading(100L);
            m.onBinary(frame(0, 10), T0);
            assertSame(UploadStep.INTERRUPT, m.onClientClose(1000));
        }

        @Test
        void abnormalCloseInterruptsAStream() {
            assertSame(UploadStep.INTERRUPT, uploading(null).onClientClose(1006));
        }

        @Test
        void closeOfASupersededConnectionLeavesTheUploadAlone() {
            UploadExchange m = uploading(null);
            m.supersede();
            assertSame(UploadStep.IGNORE, m.onClientClose(1000));
        }

        @Test
        void closeBeforeTheHandshakeLeavesTheUploadAlone() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(5, 10L)), T0);
            assertSame(UploadStep.IGNORE, m.onClientClose(1000));
        }

        @Test
        void failureClosesWithTheGivenMessage() {
            UploadExchange m = uploading(10L);
            assertEquals(new Disconnect(1011, "Error: 'internal error (ref 0123abcd)'"),
                    closeOf(m.fail("internal error (ref 0123abcd)")));
            assertEquals(Phase.CLOSED, m.phase());
        }

        @Test
        void aFullQuotaClosesWithItsOwnError() {
            assertEquals(new Disconnect(1009, "Storage quota exceeded, 300B left of 1000B"),
                    closeOf(uploading(null).quotaExceeded(new QuotaExceededException("ann", 400, 1000, 300))));
        }
    }

    @Nested
    class ServerSideEnds {

        @Test
        void anExpiredTokenClosesAConnectionWaitingForItsAnswer() {
            UploadExchange m = machine(true);
            m.offer(Optional.of(inProgress(100, 1000L)), T0);

            assertEquals(new Disconnect(1008, "Unauthorized: token expired"), closeOf(m.onTokenExpired()));
            assertEquals(UploadExchange.Phase.CLOSED, m.phase());
        }

        @Test
        void anExpiredTokenDoesNotCutAnUploadInProgress() {
            UploadExchange m = uploading(1000L);

            assertSame(UploadStep.IGNORE, m.onTokenExpired());
            assertEquals(UploadExchange.Phase.UPLOADING, m.phase());
        }

        @Test
        void removalFromTheProjectClosesEvenAnUploadInProgress() {
            UploadExchange m = uploading(1000L);

            assertEquals(new Disconnect(1001, "Project does not exist or user does not have access to it"),
                    closeOf(m.onAccessRevoked()));
            assertSame(UploadStep.IGNORE, m.onAccessRevoked());
        }

        @Test
        void theShutdownClosesAnUploadInProgressAndWhatStillArrivesIsIgnored() {
            UploadExchange m = uploading(1000L);

            assertEquals(new Disconnect(1001, "Server shutting down"), m.shutDown().disconnect());
            assertSame(UploadStep.IGNORE, m.onBinary(frame(0, 10), T0));
            assertSame(UploadStep.IGNORE, m.onClientClose(1001), "no interruption of its own: the shutdown was it");
        }

        @Test
        void aChainThatChangedBeforeTheTakeOverRefusesTheAnswerWithTheDocumentsErrors() {
            assertEquals(new Disconnect(1008, "To restore upload, transfer has to be continuous"),
                    machine(true).takeOverFailed(true).disconnect());
            assertEquals(new Disconnect(1008, "Upload cannot be restarted, destroy chain and try again"),
                    machine(true).takeOverFailed(false).disconnect());
        }
    }
}
