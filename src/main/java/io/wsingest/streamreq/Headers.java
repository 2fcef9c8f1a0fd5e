package io.wsingest.streamreq;

/** The header names of protocol C. Names are case-insensitive on input and always lower case on output. */
public final class Headers {

    /** Which route a request is for; every response echoes it. */
    public static final String ROUTE = "route";
    /** The result of a request: a {@link Status} code, written as a JSON number (see {@link PacketCodec}). */
    public static final String STATUS = "status";
    /** A client's id for its request, echoed unchanged in every response to it. */
    public static final String REQUEST_ID = "x-request-id";
    /** A short, human-readable reason beside a non-zero status. */
    public static final String ERROR = "error";
    /** Stream negotiation: {@code total:buffer} from the client; the server's answer (see {@link XStream}). */
    public static final String X_STREAM = "x-stream";
    /** The key of an accepted stream, used to resume it. */
    public static final String X_STREAM_KEY = "x-stream-key";
    /** On resume: how many bytes of the stream the server holds; the client continues from there. */
    public static final String X_STREAM_OFFSET = "x-stream-offset";
    /** What the stream's bytes are: {@code bytes}, {@code text} or {@code json}. */
    public static final String DATA_FORMAT = "data-format";
    /** The display name of an uploaded file. */
    public static final String FILE_NAME = "file-name";

    private Headers() {
    }
}
