/**
 * Running on several nodes: which node this is, how long its hold on shared work (an upload, a stream, an OCR job)
 * lasts, and the renewal of those holds. Ownership across nodes is a lease in the database, never a node-local lock:
 * a node that dies stops renewing, and another takes the work over once its leases have run out.
 */
package io.wsingest.cluster;
