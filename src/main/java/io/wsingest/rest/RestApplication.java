package io.wsingest.rest;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** HTTP resources: {@code /health} and the {@code /api/...} administration and download API. */
@ApplicationPath("/")
public class RestApplication extends Application {
}
