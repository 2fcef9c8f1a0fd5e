/**
 * Storage: the content-addressed blob store and the spool files every upload protocol writes into, with the checkpoints
 * and the clean-up of resumable ones.
 */
package io.wsingest.storage;
