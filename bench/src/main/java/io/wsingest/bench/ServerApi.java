package io.wsingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The HTTP calls the harness needs: health, projects and members, a live channel's figures. */
final class ServerApi {

    private final Config config;
    private final String adminToken;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    ServerApi(Config config, Tokens tokens) {
        this.config = config;
        this.adminToken = tokens.admin("bench-admin");
    }

    boolean healthy() {
        try {
            return send("GET", "/health", null).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** A project with one member, for protocol A (one upload chain per project). */
    void project(String id, String member) throws IOException {
        expect(send("POST", "/api/projects", "{\"id\":\"" + id + "\",\"name\":\"Benchmark " + id + "\"}"), 201);
        expect(send("PUT", "/api/projects/" + id + "/members/" + member, null), 204);
    }

    /** A live channel as the administration API shows it (JSON), or null when the channel is unknown. */
    String liveChannel(String channel) throws IOException {
        HttpResponse<String> response = send("GET", "/api/live/channels/" + channel, null);
        return response.statusCode() == 200 ? response.body() : null;
    }

    String liveFigures() throws IOException {
        HttpResponse<String> response = send("GET", "/api/live/channels", null);
        expect(response, 200);
        return response.body();
    }

    private HttpResponse<String> send(String method, String path, String json) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.http(path)))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken);
        if (json != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private static void expect(HttpResponse<String> response, int status) throws IOException {
        if (response.statusCode() != status) {
            throw new IOException(response.request().method() + " " + response.request().uri() + " answered "
                    + response.statusCode() + ": " + response.body());
        }
    }

    /** The number after {@code "name":} in a JSON text, or -1. Enough for the server's flat figures. */
    static long number(String json, String name) {
        int at = json.indexOf("\"" + name + "\":");
        if (at < 0) {
            return -1;
        }
        int from = at + name.length() + 3;
        int to = from;
        while (to < json.length() && (Character.isDigit(json.charAt(to)) || json.charAt(to) == '-')) {
            to++;
        }
        return to == from ? -1 : Long.parseLong(json.substring(from, to));
    }
}
