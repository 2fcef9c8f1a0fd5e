package io.wsingest.cluster;

/** Another node held the work for longer than a handover can take: it is alive but does not let go. */
public class HeldElsewhereException extends Exception {

    public HeldElsewhereException() {
        super("The work is in progress on another server, which did not let go of it");
    }
}
