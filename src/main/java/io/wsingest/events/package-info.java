/** Upload events: published to a Jakarta Messaging topic, delivered on every node to the connected sessions of their user. */
package io.wsingest.events;
