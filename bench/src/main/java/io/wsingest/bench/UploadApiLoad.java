package io.wsingest.bench;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

/**
 * Protocol D, the Upload API: how soon a user sees the first OCR text of a page and the whole of it, and how many
 * {@code Upload.*} events per second reach many open sockets of one user.
 */
final class UploadApiLoad {

    /** One page's OCR, in milliseconds from the {@code create} being sent. */
    record OcrTimes(double created, double started, double firstText, double processed, int processingEvents,
            int recognisedChars) {
    }

    /** One event fan-out run. */
    record EventsResult(int subscribers, double updatesPerSecond, double eventsPerSecond, double p50, double p99,
            double max, long lost) {

        double offeredEventsPerSecond() {
            return updatesPerSecond * subscribers;
        }
    }

    private static final String ENDPOINT = "/ws/core/upload/";
    private static final long REPLY_TIMEOUT_SECONDS = 120;

    /** A4 at 300 dpi, 12 pt type: a scanned letter-size page, the common case of a portal user's document. */
    private static final int PAGE_WIDTH = 2480;
    private static final int PAGE_HEIGHT = 3508;
    private static final int MARGIN = 240;
    private static final int FONT_PIXELS = 50;

    private static final List<String> PARAGRAPHS = List.of(
            "The harbour office received the shipment of grain on Tuesday morning, two days later than the"
                    + " schedule promised. The captain explained that a storm off the northern cape had forced the"
                    + " vessel to shelter in a small bay, where it waited until the wind turned. No cargo was lost,"
                    + " although several crates of apples were bruised when the ship rolled during the night.",
            "Our inspectors counted every sack against the manifest and found the numbers in order. They recommend"
                    + " that the remaining payment be released once the buyer confirms the quality of the wheat,"
                    + " which a sample sent to the laboratory should settle within the week. The warehouse on the"
                    + " east quay has room for the whole consignment until the end of the month.",
            "Please note that the quay will be closed for repairs from the first of next month. Ships arriving"
                    + " after that date will unload at the western pier, where the cranes are smaller and the work"
                    + " takes about a third longer. We apologise for the inconvenience and thank every crew for its"
                    + " patience while the old stone wall is rebuilt.",
            "Questions about storage fees, customs papers or the new timetable may be sent to the clerk at the"
                    + " harbour office, who answers letters in the order they arrive. Urgent matters are best raised"
                    + " in person between nine and noon on working days.");

    private final Config config;
    private final Tokens tokens;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();

    UploadApiLoad(Config config, Tokens tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    // ---------------------------------------------------------------- OCR latency

    /** The characters on {@link #page}: what a perfect OCR would return, spaces and line breaks aside. */
    static int pageChars() {
        return PARAGRAPHS.stream().mapToInt(p -> p.replace(" ", "").length()).sum();
    }

    /** The same page as a document of one kind, different bytes for every seed. */
    interface Document {
        byte[] of(long seed) throws IOException;
    }

    /** The page scanned: a grey PNG at 300 dpi. */
    static final Document SCAN = seed -> png(page(seed));

    /** The page typeset: a one-page PDF with the same text in 12-point Helvetica, as a word processor exports it. */
    static final Document PDF = UploadApiLoad::pdf;

    /**
     * Creates {@code pages} uploads of one A4 page each, one after the other, and times the events each brings.
     * Every page has other bytes, so none is a duplicate of an earlier one.
     */
    List<OcrTimes> ocr(String user, String run, int pages, Document document) throws IOException {
        List<OcrTimes> times = new ArrayList<>();
        Ws ws = Ws.connect(http, config.ws(ENDPOINT), tokens.user(user));
        try {
            for (int i = 0; i < pages; i++) {
                String message = "{\"type\":\"create\",\"data\":{\"image_base64\":\""
                        + Base64.getEncoder().encodeToString(document.of(run.hashCode() * 31L + i)) + "\"}}";
                times.add(ocrOne(ws, message));
            }
        } finally {
            ws.abort();
        }
        return times;
    }

    private static OcrTimes ocrOne(Ws ws, String createMessage) throws IOException {
        long start = System.nanoTime();
        ws.sendText(createMessage);
        double created = Double.NaN;
        double started = Double.NaN;
        double firstText = Double.NaN;
        int processing = 0;
        String id = null;
        while (true) {
            JsonObject message = parse(ws.nextText(REPLY_TIMEOUT_SECONDS));
            double at = (System.nanoTime() - start) / 1e6;
            String type = message.getString("type", "");
            if (type.equals("Upload.created")) {
                if (message.containsKey("error") || message.getBoolean("duplicate", false)) {
                    throw new IOException("create was not a new upload: " + message);
                }
                id = message.getJsonObject("instance").getString("id");
                created = at;
            } else if (type.equals("Upload.status") && message.getString("id", "").equals(id)) {
                switch (message.getString("status", "")) {
                    case "processing" -> {
                        processing++;
                        if (Double.isNaN(started)) {
                            started = at;
                        }
                        if (Double.isNaN(firstText) && !message.getString("streamed_text", "").isEmpty()) {
                            firstText = at;
                        }
                    }
                    case "processed" -> {
                        int chars = message.getString("raw_text", "").replaceAll("\\s", "").length();
                        return new OcrTimes(created, started, firstText, at, processing, chars);
                    }
                    case "error" -> throw new IOException("OCR failed: " + message);
                    default -> {
                        // pending: the job is queued
                    }
                }
            }
        }
    }

    /** A white A4 page of four paragraphs, black serif type, grey; {@code seed} sets one corner pixel. */
    static BufferedImage page(long seed) {
        BufferedImage image = new BufferedImage(PAGE_WIDTH, PAGE_HEIGHT, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, PAGE_WIDTH, PAGE_HEIGHT);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, FONT_PIXELS));
        FontMetrics metrics = g.getFontMetrics();
        int lineHeight = metrics.getHeight() + 10;
        int y = MARGIN + metrics.getAscent();
        for (String paragraph : PARAGRAPHS) {
            for (String line : lines(paragraph, metrics::stringWidth, PAGE_WIDTH - 2 * MARGIN)) {
                g.drawString(line, MARGIN, y);
                y += lineHeight;
            }
            y += lineHeight;
        }
        g.dispose();
        image.getRaster().setSample(0, 0, 0, (int) Math.floorMod(seed, 64) + 192);
        return image;
    }

    static byte[] pdf(long seed) throws IOException {
        float size = 12;
        float leading = 16;
        float margin = 72;
        PDType1Font font = new PDType1Font(Standard14Fonts.FontName.HELVETICA);
        try (PDDocument document = new PDDocument()) {
            document.getDocumentInformation().setTitle("bench page " + seed);
            PDPage page = new PDPage(PDRectangle.A4);
            document.addPage(page);
            float width = page.getMediaBox().getWidth() - 2 * margin;
            try (PDPageContentStream content = new PDPageContentStream(document, page)) {
                content.beginText();
                content.setFont(font, size);
                content.setLeading(leading);
                content.newLineAtOffset(margin, page.getMediaBox().getHeight() - margin);
                for (String paragraph : PARAGRAPHS) {
                    for (String line : lines(paragraph, text -> widthOf(font, text) * size, width)) {
                        content.showText(line);
                        content.newLine();
                    }
                    content.newLine();
                }
                content.endText();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            document.save(out);
            return out.toByteArray();
        }
    }

    /** Width of {@code text} in 1-point type. */
    private static double widthOf(PDType1Font font, String text) {
        try {
            return font.getStringWidth(text) / 1000;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The paragraph broken at spaces into lines at most {@code maxWidth} wide, as {@code widthOf} measures. */
    private static List<String> lines(String paragraph, ToDoubleFunction<String> widthOf, double maxWidth) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : paragraph.split(" ")) {
            if (!line.isEmpty() && widthOf.applyAsDouble(line + " " + word) > maxWidth) {
                lines.add(line.toString());
                line.setLength(0);
            }
            line.append(line.isEmpty() ? "" : " ").append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    static byte[] png(BufferedImage image) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, "png", out);
        return out.toByteArray();
    }

    // ---------------------------------------------------------------- event fan-out

    /**
     * {@code subscribers} sockets of one user listen on {@code /ws/core/upload/} while {@code publishers} more sockets
     * of the same user change the text of their own uploads at a steady {@code updatesPerSecond} in all, for
     * {@code seconds}, without waiting for the replies (a steady offered load, as from many clients). Every change
     * is one {@code Upload.updated} event to each subscriber, which records the time from the command's send (its
     * nanoTime is the new text) to its arrival. The publishers are on the server under test; the subscribers on
     * the same node, or with {@code onSecondNode} on the second node of a cluster.
     */
    EventsResult events(String user, int subscribers, int publishers, int updatesPerSecond, int seconds,
                        boolean onSecondNode) throws Exception {
        String subscribeAt = onSecondNode ? config.wsOnSecondNode(ENDPOINT) : config.ws(ENDPOINT);
        String token = tokens.user(user);
        List<Subscriber> listening = new ArrayList<>();
        List<Ws> publishing = new ArrayList<>();
        Histogram latencies = new Histogram();
        try {
            for (int i = 0; i < subscribers; i++) {
                listening.add(Subscriber.open(http, subscribeAt, token, latencies));
            }
            List<String> uploads = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                Ws ws = Ws.connect(http, config.ws(ENDPOINT), token);
                publishing.add(ws);
                uploads.add(processedUpload(ws, user, i));
            }
            listening.forEach(s -> s.measuring = true);
            long start = System.nanoTime();
            long interval = TimeUnit.SECONDS.toNanos(1) * publishers / updatesPerSecond;
            int each = updatesPerSecond * seconds / publishers;
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < publishers; i++) {
                Ws ws = publishing.get(i);
                String id = uploads.get(i);
                long first = start + interval * i / publishers;
                Thread t = new Thread(() -> sendUpdates(ws, id, each, first, interval), "bench-d-publisher-" + i);
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            long sent = (long) each * publishers;
            for (Ws ws : publishing) {
                awaitReplies(ws, each);
            }
            long expected = sent * subscribers;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (latencies.count() < expected && System.nanoTime() < deadline) {
                ServerProbe.sleep(20);
            }
            long last = listening.stream().mapToLong(s -> s.lastArrival).max().orElse(start);
            double elapsed = (Math.max(last, start + TimeUnit.SECONDS.toNanos(seconds)) - start) / 1e9;
            return new EventsResult(subscribers, sent / (double) seconds, latencies.count() / elapsed,
                    latencies.percentileMillis(0.50), latencies.percentileMillis(0.99), latencies.maxMillis(),
                    expected - latencies.count());
        } finally {
            listening.forEach(s -> s.socket.abort());
            publishing.forEach(Ws::abort);
        }
    }

    /** A catch-up: from sending a {@code subscribe} with {@code since} to its reply, and the events before it. */
    record ReplayResult(double millis, int events, boolean recovered) {
    }

    /**
     * A socket of a new user notes its position, then {@code missed} text updates are made; a second socket
     * subscribes with that position and receives them all before its reply. With the history off nothing is replayed
     * ({@code recovered} false).
     */
    ReplayResult replay(String user, int missed) throws Exception {
        String token = tokens.user(user);
        Ws author = Ws.connect(http, config.ws(ENDPOINT), token);
        try {
            String id = processedUpload(author, user, 0);
            author.sendText("{\"type\":\"subscribe\"}");
            JsonObject position = nextSubscribed(author);
            sendUpdates(author, id, missed, System.nanoTime(), 0);
            awaitReplies(author, missed);
            Ws portal = Ws.connect(http, config.ws(ENDPOINT), token);
            try {
                long start = System.nanoTime();
                // With the history off the reply has no seq and no epoch: a made-up position, never recovered.
                portal.sendText("{\"type\":\"subscribe\",\"since\":" + position.getInt("seq", 0) + ",\"epoch\":\""
                        + position.getString("epoch", "none") + "\"}");
                int events = 0;
                String text;
                while (!(text = portal.nextText(REPLY_TIMEOUT_SECONDS)).contains("\"type\":\"subscribed\"")) {
                    events++;
                }
                double millis = (System.nanoTime() - start) / 1e6;
                return new ReplayResult(millis, events, parse(text).getBoolean("recovered"));
            } finally {
                portal.abort();
            }
        } finally {
            author.abort();
        }
    }

    private static JsonObject nextSubscribed(Ws ws) throws IOException {
        while (true) {
            JsonObject message = parse(ws.nextText(REPLY_TIMEOUT_SECONDS));
            if (message.getString("type", "").equals("subscribed")) {
                return message;
            }
        }
    }

    /** A new upload of a small page of its own, once its OCR is done (only then is its text writable). */
    private static String processedUpload(Ws ws, String user, int index) throws IOException {
        BufferedImage image = new BufferedImage(600, 120, BufferedImage.TYPE_BYTE_GRAY);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 600, 120);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SERIF, Font.PLAIN, 40));
        g.drawString("Events " + index + " of " + user, 20, 75);
        g.dispose();
        ws.sendText("{\"type\":\"create\",\"data\":{\"image_base64\":\""
                + Base64.getEncoder().encodeToString(png(image)) + "\"}}");
        String id = null;
        while (true) {
            JsonObject message = parse(ws.nextText(REPLY_TIMEOUT_SECONDS));
            String type = message.getString("type", "");
            if (type.equals("Upload.created")) {
                if (message.containsKey("error")) {
                    throw new IOException("create failed: " + message);
                }
                id = message.getJsonObject("instance").getString("id");
            } else if (type.equals("Upload.status") && message.getString("id", "").equals(id)) {
                String status = message.getString("status", "");
                if (status.equals("processed")) {
                    return id;
                }
                if (status.equals("error")) {
                    throw new IOException("OCR of the event upload failed: " + message);
                }
            }
        }
    }

    /** Sends {@code count} text updates, one every {@code interval} from {@code first}, not waiting for replies. */
    private static void sendUpdates(Ws ws, String id, int count, long first, long interval) {
        for (int i = 0; i < count; i++) {
            long wait = first + i * interval - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            ws.sendText("{\"type\":\"update\",\"instance_id\":\"" + id + "\",\"data\":{\"processed_text\":\""
                    + Subscriber.STAMP + System.nanoTime() + "\"}}");
        }
    }

    /** Reads {@code count} update replies; a refused update fails the run. */
    private static void awaitReplies(Ws ws, int count) throws IOException {
        for (int replies = 0; replies < count;) {
            JsonObject reply = parse(ws.nextText(REPLY_TIMEOUT_SECONDS));
            if (reply.getString("type", "").equals("Upload.updated")) {
                if (reply.containsKey("error")) {
                    throw new IOException("update refused: " + reply);
                }
                replies++;
            }
        }
    }

    /**
     * One listening socket. It finds the send time in an event's text by a plain search, without parsing the JSON,
     * so the harness's own CPU (it shares the machine with the server) stays small beside the server's.
     */
    private static final class Subscriber implements WebSocket.Listener {
        static final String STAMP = "sent-at-";
        private static final String UPDATED = "\"type\":\"Upload.updated\"";

        final Histogram latencies;
        StringBuilder text = new StringBuilder();
        volatile boolean measuring;
        volatile long lastArrival;
        WebSocket socket;

        private Subscriber(Histogram latencies) {
            this.latencies = latencies;
        }

        static Subscriber open(HttpClient http, String uri, String token, Histogram latencies) throws IOException {
            Subscriber subscriber = new Subscriber(latencies);
            try {
                subscriber.socket = http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + token)
                        .buildAsync(URI.create(uri), subscriber).get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IOException("cannot connect to " + uri + ": " + e, e);
            }
            return subscriber;
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            long now = System.nanoTime();
            text.append(data);
            if (last) {
                int stamp = text.indexOf(STAMP);
                if (measuring && stamp >= 0 && text.indexOf(UPDATED) >= 0) {
                    int from = stamp + STAMP.length();
                    latencies.record(now - Long.parseLong(text, from, text.indexOf("\"", from), 10));
                    lastArrival = now;
                }
                text.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }

    private static JsonObject parse(String text) {
        try (JsonReader reader = Json.createReader(new StringReader(text))) {
            return reader.readObject();
        }
    }

    /** The median of {@code values}, NaN when empty. */
    static double median(double[] values) {
        if (values.length == 0) {
            return Double.NaN;
        }
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
