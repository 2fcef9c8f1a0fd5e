package io.wsingest.admin;

/**
 * One protocol's figures on the operator page.
 *
 * @param protocol    its letter, {@code A} to {@code E}
 * @param name        what it is called in the documentation
 * @param connections connections open on this node now
 * @param completed   A to D: the files it stored that are still in the store (every node's); E: streams ended on this
 *                    node since the application started
 * @param bytes       A to D: the size of those files; E: bytes received from publishers on this node since the
 *                    application started
 */
public record ProtocolFigures(String protocol, String name, long connections, long completed, long bytes) {
}
