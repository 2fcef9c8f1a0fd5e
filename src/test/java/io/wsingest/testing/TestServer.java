package io.wsingest.testing;

import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import io.wsingest.auth.TestTokens;

/** Addresses of the server under test and tokens it accepts (signed with the test server's secret). */
public final class TestServer {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    private final URI base;

    /** @param deploymentUrl the URL Arquillian injects for the deployment */
    public TestServer(URL deploymentUrl) {
        this.base = URI.create(deploymentUrl.toString().replaceAll("/+$", "") + "/");
    }

    /**
     * The test server at its configured HTTP port, for a test that deploys and undeploys the application itself:
     * Arquillian has no deployment URL to inject then.
     */
    public static TestServer atTestPort() {
        try {
            int port = 8080 + Integer.getInteger("it.port.offset", 0);
            return new TestServer(new URL("http://127.0.0.1:" + port + "/"));
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The most a single frame may carry on the server under test, or 0 for no limit of the container's own. Payara's
     * Tyrus reads each frame whole before the application sees any of it, into a buffer of web.xml's
     * {@code org.glassfish.tyrus.servlet.incoming-buffer-size}, and closes a connection whose frame does not fit with
     * 1011 {@code Buffer overflow.}; WildFly's Undertow streams frames (docs/operations.md, "Frames on Payara").
     */
    public static int frameLimit() {
        return onPayara() ? 5 << 20 : 0;
    }

    /** Whether the suite runs on Payara (Grizzly and Tyrus) rather than WildFly, for what differs between them. */
    public static boolean onPayara() {
        return "payara".equals(System.getProperty("arquillian.launch"));
    }

    /**
     * MicroProfile Health's answer ({@code ""}, {@code "/live"} or {@code "/ready"} after the endpoint): on WildFly at the
     * management port's {@code /health}, on Payara at the HTTP port's {@code /mp-health} (payara-config/configure.sh
     * moves it there, off the application's own {@code /health}).
     */
    public static HttpResponse<String> microProfileHealth(String probe) throws Exception {
        URI endpoint = onPayara()
                ? atTestPort().http("mp-health" + probe)
                : URI.create("http://127.0.0.1:" + Integer.getInteger("it.management.port", 9990) + "/health" + probe);
        return send(HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(30)).GET());
    }

    public static String secret() {
        return System.getProperty("it.jwt.secret");
    }

    public static String token(String subject) {
        return TestTokens.hs256(secret(), subject, false, Instant.now().plusSeconds(600));
    }

    public static String adminToken(String subject) {
        return TestTokens.hs256(secret(), subject, true, Instant.now().plusSeconds(600));
    }

    /** A WebSocket address under the context root, e.g. {@code ws("ws/Upload?id=p1")}. */
    public URI ws(String pathAndQuery) {
        return URI.create("ws" + base.toString().substring(4) + pathAndQuery);
    }

    /** The same address with {@code token=} appended to its query. */
    public URI ws(String pathAndQuery, String token) {
        String separator = pathAndQuery.contains("?") ? "&" : "?";
        return ws(pathAndQuery + separator + "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    public URI http(String path) {
        return base.resolve(path);
    }

    public HttpResponse<String> get(String path, String token) throws Exception {
        return send(request(path, token).GET());
    }

    /** A GET whose body is kept as bytes (a file's content). */
    public HttpResponse<byte[]> getBytes(String path, String token) throws Exception {
        return HTTP.send(request(path, token).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    public HttpResponse<String> postJson(String path, String token, String json) throws Exception {
        return send(request(path, token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(String path, String token) throws Exception {
        return send(request(path, token).PUT(HttpRequest.BodyPublishers.noBody()));
    }

    public HttpResponse<String> putJson(String path, String token, String json) throws Exception {
        return send(request(path, token).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> delete(String path, String token) throws Exception {
        return send(request(path, token).DELETE());
    }

    private HttpRequest.Builder request(String path, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(http(path)).timeout(Duration.ofSeconds(30));
        return token == null ? builder : builder.header("Authorization", "Bearer " + token);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
