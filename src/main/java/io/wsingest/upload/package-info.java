/**
 * Protocol A, resumable project upload at {@code /ws/Upload}: the endpoint, its frame codec and state machine (plain
 * Java, no container), the error catalogue, the persisted upload chain of each project, and its HTTP API.
 */
package io.wsingest.upload;
