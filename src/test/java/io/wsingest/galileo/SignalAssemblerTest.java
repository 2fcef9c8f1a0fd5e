package io.wsingest.galileo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SignalAssemblerTest {

    private final SignalAssembler assembler = new SignalAssembler();

    private static ClientSignal tooLong() {
        return new ClientSignal.Unreadable(GalileoError.SIGNAL_TOO_LONG.failure(SignalAssembler.MAX_CHARS));
    }

    @Test
    void decodesAMessageInOnePart() {
        assertEquals(Optional.of(new ClientSignal.Finished(null)), assembler.part("{\"finished\":true}", true));
    }

    @Test
    void decodesAMessageInSeveralPartsWhenTheLastArrives() {
        assertEquals(Optional.empty(), assembler.part("{\"name\":\"a.t", false));
        assertEquals(Optional.empty(), assembler.part("xt\",\"si", false));
        assertEquals(Optional.of(new ClientSignal.Metadata("a.txt", 3)), assembler.part("ze\":3}", true));
    }

    @Test
    void decodesAMessageWhoseLastPartIsEmpty() {
        assembler.part("{\"finished\":true}", false);

        assertEquals(Optional.of(new ClientSignal.Finished(null)), assembler.part("", true));
    }

    @Test
    void acceptsAMessageOfExactlyTheLimit() {
        String padded = "{\"finished\":true,\"pad\":\"" + "x".repeat(SignalAssembler.MAX_CHARS - 26) + "\"}";
        assertEquals(SignalAssembler.MAX_CHARS, padded.length());

        assertEquals(Optional.of(new ClientSignal.Finished(null)), assembler.part(padded, true));
    }

    @Test
    void refusesATooLongMessageOnceAsSoonAsItIsTooLongAndDropsTheRest() {
        assertEquals(Optional.empty(), assembler.part("x".repeat(SignalAssembler.MAX_CHARS), false));
        assertEquals(Optional.of(tooLong()), assembler.part("x", false));
        assertEquals(Optional.empty(), assembler.part("x".repeat(1000), false));
        assertEquals(Optional.empty(), assembler.part("x", true));
    }

    @Test
    void startsAfreshAfterARefusedMessage() {
        assertEquals(Optional.of(tooLong()), assembler.part("x".repeat(SignalAssembler.MAX_CHARS + 1), true));

        assertEquals(Optional.of(new ClientSignal.Finished(null)), assembler.part("{\"finished\":true}", true));
    }
}
