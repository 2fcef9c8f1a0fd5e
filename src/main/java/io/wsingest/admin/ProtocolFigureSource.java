package io.wsingest.admin;

/**
 * A protocol that counts its figures itself and offers them to the operator page, so that the page needs no import of
 * the protocol's package (the live streaming relay implements it). A CDI bean.
 */
public interface ProtocolFigureSource {

    ProtocolFigures figures();
}
