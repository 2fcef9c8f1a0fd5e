/**
 * Protocol B, GalileoSend ({@code /ws/galileo}): one file per connection, sent chunk by chunk on the server's ready
 * signals and checked for size and, when the client sends one, hash before it is stored.
 */
package io.wsingest.galileo;
