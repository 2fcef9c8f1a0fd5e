/**
 * The operator page {@code /admin/} and what it shows: the current figures of every protocol, the OCR queue and the
 * disk ({@code GET /api/admin/figures}), for administrators.
 */
package io.wsingest.admin;
