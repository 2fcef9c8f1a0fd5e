/** The HTTP side: the JAX-RS application, bearer-token authentication for the {@code /api} resources. */
package io.wsingest.rest;
