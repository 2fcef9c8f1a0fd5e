/** Storage: the content-addressed blob store and the spool files every upload protocol writes into. */
package io.wsingest.storage;
