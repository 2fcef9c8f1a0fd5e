package io.wsingest.uploadapi;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.wsingest.cluster.LeaseHolder;

/**
 * Renews the leases of the OCR jobs this node has queued or is running, in one statement per period however many
 * there are. A job's lease ends with the job, so only live jobs are renewed.
 */
@ApplicationScoped
public class OcrJobLeases implements LeaseHolder {

    @Inject
    UploadRecords records;

    @Override
    public String name() {
        return "Upload API OCR jobs";
    }

    @Override
    public void renewLeases(String owner, Instant now, Instant until) {
        records.renewLeases(owner, until);
    }
}
