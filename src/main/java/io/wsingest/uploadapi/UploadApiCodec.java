package io.wsingest.uploadapi;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import io.wsingest.events.StreamPosition;

/**
 * The JSON the server sends: replies to commands and {@code Upload.*} events. Every message has {@code type};
 * replies echo the command's {@code request_id} when it had one. Fields appear in a fixed order.
 */
final class UploadApiCodec {

    static final String CREATED = "Upload.created";
    static final String UPDATED = "Upload.updated";
    static final String DELETED = "Upload.deleted";
    static final String STATUS = "Upload.status";

    /** Looked up once: {@code Json.create…} finds the provider again on every call, a class-path scan. */
    private static final JsonProvider JSON = JsonProvider.provider();

    private UploadApiCodec() {
    }

    /** The upload as {@code instance}: every field, snake_case, absent values as null. */
    static JsonObject instance(UploadView upload) {
        return JSON.createObjectBuilder()
                .add("id", upload.id())
                .add("owner", upload.owner())
                .add("status", upload.status().wireName())
                .add("image_path", nullable(upload.imagePath()))
                .add("image_hash", upload.imageHash())
                .add("content_type", upload.contentType())
                .add("size", upload.size())
                .add("created_at", timestamp(upload.createdAt()))
                .add("updated_at", timestamp(upload.updatedAt()))
                .add("raw_text", nullable(upload.rawText()))
                .add("processed_text", nullable(upload.processedText()))
                .add("error", nullable(upload.error()))
                .build();
    }

    // Replies

    /**
     * @param position  where the user's event stream stands; null when the history is off (no epoch, no seq)
     * @param recovered whether the events after the client's {@code since} were replayed; null when it sent none
     */
    static String subscribed(JsonValue requestId, String instanceId, StreamPosition position, Boolean recovered) {
        JsonObjectBuilder reply = reply(CommandType.SUBSCRIBE.replyType, requestId)
                .add("message", "subscribed")
                .add("model", "Upload")
                .add("instance_id", nullable(instanceId));
        if (position != null) {
            reply.add("epoch", position.epoch()).add("seq", position.seq());
        }
        if (recovered != null) {
            reply.add("recovered", recovered);
        }
        return reply.build().toString();
    }

    static String created(JsonValue requestId, UploadView upload, boolean duplicate) {
        return reply(CREATED, requestId).add("instance", instance(upload)).add("duplicate", duplicate).build().toString();
    }

    /** The reply to a {@code list} with {@code offset} or {@code limit}: one page, and where it lies. */
    static String page(JsonValue requestId, List<UploadView> uploads, int offset, int limit, long total) {
        return reply(CommandType.LIST.replyType, requestId)
                .add("list", array(uploads))
                .add("offset", offset)
                .add("limit", limit)
                .add("total", total)
                .build().toString();
    }

    /** The reply to a plain {@code list}: every upload of the user. */
    static String wholeList(JsonValue requestId, List<UploadView> uploads) {
        return reply(CommandType.LIST.replyType, requestId)
                .add("list", array(uploads))
                .add("total", uploads.size())
                .build().toString();
    }

    /** About the characters an upload takes in a list, for keeping a reply within a budget. */
    static int listedLength(UploadView upload) {
        return instance(upload).toString().length() + 1;
    }

    private static JsonArrayBuilder array(List<UploadView> uploads) {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        uploads.forEach(upload -> list.add(instance(upload)));
        return list;
    }

    /** The reply to {@code retrieve}, {@code update} and {@code delete}: the command's reply type and the upload. */
    static String instanceReply(CommandType command, JsonValue requestId, UploadView upload) {
        return reply(command.replyType, requestId).add("instance", instance(upload)).build().toString();
    }

    static String error(String replyType, JsonValue requestId, Map<String, String> errors) {
        JsonObjectBuilder error = JSON.createObjectBuilder();
        errors.forEach(error::add);
        return reply(replyType, requestId).add("error", error).build().toString();
    }

    // Events

    /** {@code Upload.created}, {@code Upload.updated} or {@code Upload.deleted} with the upload's latest state. */
    static String instanceEvent(String type, UploadView upload) {
        return JSON.createObjectBuilder().add("type", type).add("instance", instance(upload)).build().toString();
    }

    /** OCR is running: the text recognised so far (empty when the job has just started). */
    static String processing(String id, String streamedText) {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("status", UploadStatus.PROCESSING.wireName())
                .add("streamed_text", streamedText)
                .add("type", STATUS)
                .build().toString();
    }

    static String processed(String id, String rawText, String processedText) {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("status", UploadStatus.PROCESSED.wireName())
                .add("raw_text", rawText)
                .add("processed_text", processedText)
                .add("type", STATUS)
                .build().toString();
    }

    static String failed(String id, String error) {
        return JSON.createObjectBuilder()
                .add("id", id)
                .add("status", UploadStatus.ERROR.wireName())
                .add("type", STATUS)
                .add("error", error)
                .build().toString();
    }

    private static JsonObjectBuilder reply(String type, JsonValue requestId) {
        JsonObjectBuilder reply = JSON.createObjectBuilder().add("type", type);
        if (requestId != null) {
            reply.add("request_id", requestId);
        }
        return reply;
    }

    private static JsonValue nullable(String value) {
        return value == null ? JsonValue.NULL : JSON.createValue(value);
    }

    private static String timestamp(Instant instant) {
        return instant.toString();
    }
}
