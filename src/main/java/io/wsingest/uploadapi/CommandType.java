package io.wsingest.uploadapi;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The commands a client sends ({@code type}) and the {@code type} of the reply to each, errors included. */
enum CommandType {
    SUBSCRIBE("subscribe", "subscribed"),
    CREATE("create", "Upload.created"),
    LIST("list", "Upload.list"),
    RETRIEVE("retrieve", "Upload.status"),
    UPDATE("update", "Upload.updated"),
    DELETE("delete", "Upload.deleted");

    /** The reply type of errors that belong to no command: unreadable messages and unknown commands. */
    static final String ERROR_REPLY = "error";

    final String wireName;
    final String replyType;

    CommandType(String wireName, String replyType) {
        this.wireName = wireName;
        this.replyType = replyType;
    }

    static Optional<CommandType> of(String wireName) {
        return Arrays.stream(values()).filter(type -> type.wireName.equals(wireName)).findFirst();
    }

    static String names() {
        return Arrays.stream(values()).map(type -> type.wireName).collect(Collectors.joining(", "));
    }
}
