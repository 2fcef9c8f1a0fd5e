package io.wsingest.rest;

/** The body of every error response of the HTTP API. */
public record ApiError(String error) {
}
