/**
 * Upload events: numbered per user and kept in a bounded history in the database, published to a Jakarta Messaging
 * topic, delivered on every node to the connected sessions of their user in order; a session that reconnects catches
 * up from the history.
 */
package io.wsingest.events;
