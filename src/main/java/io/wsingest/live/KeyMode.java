package io.wsingest.live;

/** How stream keys are checked ({@code wsingest.live.key-mode}). */
public enum KeyMode {
    /** Any key publishes; the publisher's key becomes the stream's key, which receivers must present. */
    OPEN,
    /** Each channel's key is stored (as a hash) through the administration API; publishers and receivers present it. */
    STATIC,
    /** A coordinator accepts or refuses each publisher over HTTP; receivers present the accepted publisher's key. */
    CALLBACK
}
