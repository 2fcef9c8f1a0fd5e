package io.wsingest.uploadapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.stream.Stream;

import jakarta.json.Json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Command parsing and validation: each case is a message and what the decoder makes of it. */
class CommandDecoderTest {

    private static final String ID = "0b6f6c9e-3d0a-4a49-9d2f-2f5f1f7f4c11";
    private static final String OTHER_ID = "5d7a3d52-7f4b-4d0e-8e59-6c2b9a1d0e42";
    private static final String HASH = "a".repeat(64);
    private static final StreamedImage.Decoded IMAGE = new StreamedImage.Decoded(null, 3, new byte[] {1, 2, 3});

    private static CommandDecoder.Request decode(String json, StreamedImage image, String endpointId)
            throws CommandRejected {
        return CommandDecoder.decode(new MessageReader.Incoming(json, null, image), endpointId);
    }

    private static Command command(String json) throws CommandRejected {
        return decode(json, null, null).command();
    }

    @Test
    void decodesEachCommand() throws Exception {
        assertEquals(new Command.Subscribe(null, null), command("{\"type\":\"subscribe\"}"));
        assertEquals(new Command.Subscribe(41L, "e1"),
                command("{\"type\":\"subscribe\",\"since\":41,\"epoch\":\"e1\"}"));
        assertEquals(new Command.Subscribe(0L, "e1"),
                command("{\"type\":\"subscribe\",\"since\":0,\"epoch\":\"e1\"}"));
        assertEquals(Command.ListUploads.all(), command("{\"type\":\"list\"}"));
        assertEquals(new Command.ListUploads(0, 50, true), command("{\"type\":\"list\",\"offset\":0}"));
        assertEquals(new Command.ListUploads(100, 200, true), command("{\"type\":\"list\",\"offset\":100,\"limit\":200}"));
        assertEquals(new Command.Retrieve(ID), command("{\"type\":\"retrieve\",\"instance_id\":\"" + ID + "\"}"));
        assertEquals(new Command.Delete(ID), command("{\"type\":\"delete\",\"instance_id\":\"" + ID.toUpperCase() + "\"}"));
        assertEquals(new Command.Update(ID, "pending", false, null, Map.of()),
                command("{\"type\":\"update\",\"instance_id\":\"" + ID + "\",\"data\":{\"status\":\"pending\"}}"));
        assertEquals(new Command.Update(ID, null, true, "fixed", Map.of()),
                command("{\"type\":\"update\",\"instance_id\":\"" + ID + "\",\"data\":{\"processed_text\":\"fixed\"}}"));
        assertEquals(new Command.Update(ID, null, true, null, Map.of()),
                command("{\"type\":\"update\",\"instance_id\":\"" + ID + "\",\"data\":{\"processed_text\":null}}"));
        assertEquals(new Command.Update(ID, "processed", true, "fixed", Map.of("id", Json.createValue(ID), "size",
                        Json.createValue(5))),
                command("{\"type\":\"update\",\"instance_id\":\"" + ID + "\",\"data\":{\"id\":\"" + ID
                        + "\",\"status\":\"processed\",\"size\":5,\"processed_text\":\"fixed\"}}"),
                "the instance sent back whole: the service compares status and read-only fields with the upload");
    }

    @Test
    void decodesEachWayToCreate() throws Exception {
        Command.Create fromImage = (Command.Create) decode(
                "{\"type\":\"create\",\"data\":{\"image_base64\":\"\",\"image_hash\":\"" + HASH.toUpperCase() + "\"}}",
                IMAGE, null).command();
        assertSame(IMAGE, fromImage.image());
        assertEquals(HASH, fromImage.imageHash());
        assertEquals(new Command.Create(null, "/imports/a.png", null),
                command("{\"type\":\"create\",\"data\":{\"image_path\":\"/imports/a.png\",\"image_base64\":null}}"));
        assertEquals(new Command.Create(null, null, HASH),
                command("{\"type\":\"create\",\"data\":{\"image_hash\":\"" + HASH + "\"}}"));
    }

    @Test
    void perUploadSocketDefaultsTheInstanceIdButAcceptsAnother() throws Exception {
        assertEquals(new Command.Retrieve(ID), decode("{\"type\":\"retrieve\"}", null, ID).command());
        assertEquals(new Command.Delete(OTHER_ID),
                decode("{\"type\":\"delete\",\"instance_id\":\"" + OTHER_ID + "\"}", null, ID).command());
    }

    @Test
    void echoesTheRequestId() throws Exception {
        assertEquals(Json.createValue(42), decode("{\"type\":\"list\",\"request_id\":42}", null, null).requestId());
        CommandRejected rejected = assertThrows(CommandRejected.class,
                () -> decode("{\"type\":\"nope\",\"request_id\":\"r1\"}", null, null));
        assertEquals(Json.createValue("r1"), rejected.requestId());
    }

    static Stream<Arguments> rejections() {
        String create = "{\"type\":\"create\",\"data\":";
        String update = "{\"type\":\"update\",\"instance_id\":\"" + ID + "\",\"data\":";
        return Stream.of(
                Arguments.of("[1,2]", "error", Map.of("non_field_errors", "A message must be a JSON object")),
                Arguments.of("{}", "error", Map.of("type", "This field is required.")),
                Arguments.of("{\"type\":3}", "error", Map.of("type", "Must be a string.")),
                Arguments.of("{\"type\":\"list\",\"type\":\"create\"}", "error", Map.of("non_field_errors",
                        "Malformed JSON: Duplicate key 'type' is not allowed")),
                Arguments.of("{\"type\":\"upload\"}", "error", Map.of("type",
                        "Unknown command 'upload'; expected one of subscribe, create, list, retrieve, update, delete")),
                Arguments.of("{\"type\":\"create\"}", "Upload.created", Map.of("data", "This field is required.")),
                Arguments.of(create + "[]}", "Upload.created", Map.of("data", "Must be a JSON object.")),
                Arguments.of(create + "{}}", "Upload.created", Map.of("non_field_errors",
                        "Send one of image_base64, image_path or image_hash.")),
                Arguments.of(create + "{\"image_path\":\"/a\",\"name\":\"x\"}}", "Upload.created", Map.of("name",
                        "Unknown field. Send one of image_base64, image_path or image_hash.")),
                Arguments.of(create + "{\"image_base64\":7}}", "Upload.created", Map.of("image_base64",
                        "Must be a base64 string.")),
                Arguments.of(create + "{\"image_path\":\" \"}}", "Upload.created", Map.of("image_path",
                        "This field may not be blank.")),
                Arguments.of(create + "{\"image_path\":[\"/a\"]}}", "Upload.created", Map.of("image_path",
                        "Must be a string.")),
                Arguments.of(create + "{\"image_hash\":\"abc\"}}", "Upload.created", Map.of("image_hash",
                        "Must be a SHA-256: 64 hexadecimal characters.")),
                Arguments.of("{\"type\":\"list\",\"limit\":0}", "Upload.list", Map.of("limit",
                        "Must be a whole number from 1 to 200.")),
                Arguments.of("{\"type\":\"list\",\"limit\":201,\"offset\":-1}", "Upload.list", Map.of(
                        "offset", "Must be a whole number from 0.", "limit", "Must be a whole number from 1 to 200.")),
                Arguments.of("{\"type\":\"list\",\"offset\":1.5}", "Upload.list", Map.of("offset",
                        "Must be a whole number from 0.")),
                Arguments.of("{\"type\":\"retrieve\"}", "Upload.status", Map.of("instance_id", "This field is required.")),
                Arguments.of("{\"type\":\"retrieve\",\"instance_id\":\"../../etc\"}", "Upload.status", Map.of(
                        "instance_id", "Not a valid upload id (a UUID).")),
                Arguments.of("{\"type\":\"delete\",\"instance_id\":5}", "Upload.deleted", Map.of(
                        "instance_id", "Must be a string.")),
                Arguments.of(update + "{}}", "Upload.updated", Map.of("data",
                        "No fields to update; writable: processed_text, status.")),
                Arguments.of(update + "{\"status\":1}}", "Upload.updated", Map.of("status",
                        "Only \"pending\" can be set (to run OCR again).")),
                Arguments.of(update + "{\"raw_text\":\"x\",\"colour\":\"red\"}}", "Upload.updated",
                        Map.of("colour", "Unknown field.")),
                Arguments.of(update + "{\"processed_text\":1}}", "Upload.updated", Map.of("processed_text",
                        "Must be a string or null.")),
                Arguments.of("{\"type\":\"subscribe\",\"since\":3}", "subscribed",
                        Map.of("epoch", "This field is required.")),
                Arguments.of("{\"type\":\"subscribe\",\"epoch\":\"e1\"}", "subscribed",
                        Map.of("since", "This field is required.")),
                Arguments.of("{\"type\":\"subscribe\",\"since\":-1,\"epoch\":\"e1\"}", "subscribed",
                        Map.of("since", "Must be a whole number from 0.")),
                Arguments.of("{\"type\":\"subscribe\",\"since\":\"3\",\"epoch\":7}", "subscribed",
                        Map.of("since", "Must be a whole number from 0.", "epoch", "Must be a string.")));
    }

    @ParameterizedTest
    @MethodSource("rejections")
    void rejects(String json, String replyType, Map<String, String> errors) {
        CommandRejected rejected = assertThrows(CommandRejected.class, () -> decode(json, null, null));
        assertEquals(replyType, rejected.replyType(), json);
        assertEquals(errors, rejected.errors(), json);
    }

    @Test
    void malformedJsonIsAnErrorReplyWithTheParsersReason() {
        CommandRejected rejected = assertThrows(CommandRejected.class, () -> decode("{\"type\":", null, null));
        assertEquals("error", rejected.replyType());
        assertTrue(rejected.errors().get("non_field_errors").startsWith("Malformed JSON: Invalid token=EOF at "),
                rejected.errors().toString());
    }

    @Test
    void reportsAFailedImageOnItsField() {
        CommandRejected rejected = assertThrows(CommandRejected.class, () -> decode(
                "{\"type\":\"create\",\"data\":{\"image_base64\":\"\"}}",
                new StreamedImage.Failed("Invalid base64 encoding: boom"), null));
        assertEquals(Map.of("image_base64", "Invalid base64 encoding: boom"), rejected.errors());
    }

    @Test
    void refusesBase64TogetherWithAPath() {
        CommandRejected rejected = assertThrows(CommandRejected.class, () -> decode(
                "{\"type\":\"create\",\"data\":{\"image_base64\":\"\",\"image_path\":\"/imports/a.png\"}}", IMAGE, null));
        assertEquals(Map.of("non_field_errors", "Send either image_base64 or image_path, not both."), rejected.errors());
    }

    @Test
    void aMessageTheReaderRefusedIsAnErrorReply() {
        CommandRejected rejected = assertThrows(CommandRejected.class, () -> CommandDecoder.decode(
                new MessageReader.Incoming(null, "Message too large: more", null), null));
        assertEquals("error", rejected.replyType());
        assertNull(rejected.requestId());
        assertEquals(Map.of("non_field_errors", "Message too large: more"), rejected.errors());
    }

    @Test
    void canonicalUuidsOnly() {
        assertEquals(ID, CommandDecoder.canonicalUuid(ID.toUpperCase()));
        assertNull(CommandDecoder.canonicalUuid("1-1-1-1-1"));
        assertNull(CommandDecoder.canonicalUuid(null));
        assertTrue(CommandDecoder.READ_ONLY_FIELDS.stream().noneMatch(CommandDecoder.WRITABLE::contains));
    }
}
