package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.json.Json;
import jakarta.json.JsonValue;

import org.junit.jupiter.api.Test;

import io.wsingest.events.StreamPosition;

/** Golden messages: exactly what goes on the wire. */
class UploadApiCodecTest {

    private static final UploadView UPLOAD = new UploadView("0b6f6c9e-3d0a-4a49-9d2f-2f5f1f7f4c11", "alice",
            UploadStatus.PENDING, null, "ab".repeat(32), "image/png", 1234,
            Instant.parse("2026-11-22T10:15:30.123Z"), Instant.parse("2026-11-22T10:15:31Z"), null, null, null);

    private static final String INSTANCE = "{\"id\":\"0b6f6c9e-3d0a-4a49-9d2f-2f5f1f7f4c11\",\"owner\":\"alice\","
            + "\"status\":\"pending\",\"image_path\":null,\"image_hash\":\"" + "ab".repeat(32) + "\","
            + "\"content_type\":\"image/png\",\"size\":1234,\"created_at\":\"2026-11-22T10:15:30.123Z\","
            + "\"updated_at\":\"2026-11-22T10:15:31Z\",\"raw_text\":null,\"processed_text\":null,\"error\":null}";

    @Test
    void subscribed() {
        assertEquals("{\"type\":\"subscribed\",\"message\":\"subscribed\",\"model\":\"Upload\",\"instance_id\":null}",
                UploadApiCodec.subscribed(null, null, null, null));
        assertEquals("{\"type\":\"subscribed\",\"request_id\":\"r1\",\"message\":\"subscribed\",\"model\":\"Upload\","
                + "\"instance_id\":\"u1\",\"epoch\":\"9f3a\",\"seq\":12}",
                UploadApiCodec.subscribed(Json.createValue("r1"), "u1", new StreamPosition("9f3a", 12, 0), null));
        assertEquals("{\"type\":\"subscribed\",\"message\":\"subscribed\",\"model\":\"Upload\",\"instance_id\":null,"
                + "\"epoch\":\"9f3a\",\"seq\":12,\"recovered\":true}",
                UploadApiCodec.subscribed(null, null, new StreamPosition("9f3a", 12, 0), true));
        assertEquals("{\"type\":\"subscribed\",\"message\":\"subscribed\",\"model\":\"Upload\",\"instance_id\":null,"
                + "\"recovered\":false}", UploadApiCodec.subscribed(null, null, null, false));
    }

    @Test
    void createdWithTheDuplicateFlag() {
        assertEquals("{\"type\":\"Upload.created\",\"instance\":" + INSTANCE + ",\"duplicate\":false}",
                UploadApiCodec.created(null, UPLOAD, false));
        assertEquals("{\"type\":\"Upload.created\",\"request_id\":3,\"instance\":" + INSTANCE + ",\"duplicate\":true}",
                UploadApiCodec.created(Json.createValue(3), UPLOAD, true));
    }

    @Test
    void listWithPaging() {
        assertEquals("{\"type\":\"Upload.list\",\"list\":[" + INSTANCE + "],\"offset\":0,\"limit\":50,\"total\":1}",
                UploadApiCodec.page(null, List.of(UPLOAD), 0, 50, 1));
    }

    @Test
    void wholeListAsTheDocumentShowsIt() {
        assertEquals("{\"type\":\"Upload.list\",\"list\":[" + INSTANCE + "],\"total\":1}",
                UploadApiCodec.wholeList(null, List.of(UPLOAD)));
    }

    @Test
    void instanceReplies() {
        assertEquals("{\"type\":\"Upload.status\",\"instance\":" + INSTANCE + "}",
                UploadApiCodec.instanceReply(CommandType.RETRIEVE, null, UPLOAD));
        assertEquals("{\"type\":\"Upload.updated\",\"instance\":" + INSTANCE + "}",
                UploadApiCodec.instanceReply(CommandType.UPDATE, null, UPLOAD));
        assertEquals("{\"type\":\"Upload.deleted\",\"instance\":" + INSTANCE + "}",
                UploadApiCodec.instanceReply(CommandType.DELETE, null, UPLOAD));
    }

    @Test
    void errorsByField() {
        Map<String, String> errors = new LinkedHashMap<>();
        errors.put("image_base64", "Invalid base64 encoding: illegal character '-' (U+002D) at position 5");
        errors.put("image_hash", "Must be a SHA-256: 64 hexadecimal characters.");
        assertEquals("{\"type\":\"Upload.created\",\"error\":{\"image_base64\":\"Invalid base64 encoding: illegal "
                        + "character '-' (U+002D) at position 5\",\"image_hash\":\"Must be a SHA-256: 64 hexadecimal "
                        + "characters.\"}}",
                UploadApiCodec.error("Upload.created", null, errors));
        assertEquals("{\"type\":\"error\",\"request_id\":null,\"error\":{\"type\":\"This field is required.\"}}",
                UploadApiCodec.error("error", JsonValue.NULL, Map.of("type", "This field is required.")));
    }

    @Test
    void instanceEvents() {
        assertEquals("{\"type\":\"Upload.created\",\"instance\":" + INSTANCE + "}",
                UploadApiCodec.instanceEvent(UploadApiCodec.CREATED, UPLOAD));
    }

    @Test
    void statusEventsInTheDocumentsShapes() {
        assertEquals("{\"id\":\"u1\",\"status\":\"processing\",\"streamed_text\":\"line 1\\nline 2\","
                + "\"type\":\"Upload.status\"}", UploadApiCodec.processing("u1", "line 1\nline 2"));
        assertEquals("{\"id\":\"u1\",\"status\":\"processed\",\"raw_text\":\"a \",\"processed_text\":\"a\","
                + "\"type\":\"Upload.status\"}", UploadApiCodec.processed("u1", "a ", "a"));
        assertEquals("{\"id\":\"u1\",\"status\":\"error\",\"type\":\"Upload.status\",\"error\":\"Cannot read\"}",
                UploadApiCodec.failed("u1", "Cannot read"));
    }
}
