/**
 * The demonstration page {@code /demo/}, in development mode only: the JavaScript client kit ({@code clients/js})
 * driving every protocol from a browser.
 */
package io.wsingest.demo;
