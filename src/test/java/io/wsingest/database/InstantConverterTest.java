package io.wsingest.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class InstantConverterTest {

    private final InstantConverter converter = new InstantConverter();

    @Test
    void storesAnInstantInUtcAndReadsTheSameInstantBack() {
        Instant instant = Instant.parse("2026-12-05T22:13:27.937123456Z");

        OffsetDateTime stored = converter.convertToDatabaseColumn(instant);

        assertEquals(ZoneOffset.UTC, stored.getOffset());
        assertEquals(instant, converter.convertToEntityAttribute(stored));
    }

    @Test
    void aTimeStoredWithAnotherOffsetIsTheSameInstant() {
        OffsetDateTime stored = OffsetDateTime.parse("2026-12-05T23:13:27+01:00");

        assertEquals(Instant.parse("2026-12-05T22:13:27Z"), converter.convertToEntityAttribute(stored));
    }

    @Test
    void nullStaysNull() {
        assertNull(converter.convertToDatabaseColumn(null));
        assertNull(converter.convertToEntityAttribute(null));
    }
}
