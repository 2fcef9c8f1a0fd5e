package io.wsingest.live;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.wsingest.admin.ProtocolFigureSource;
import io.wsingest.admin.ProtocolFigures;

/** The relay's figures as one row of the operator page (protocol E); the page shows its channels separately. */
@ApplicationScoped
public class LiveFigureSource implements ProtocolFigureSource {

    @Inject
    LiveHub hub;

    @Override
    public ProtocolFigures figures() {
        LiveFigures figures = hub.figures();
        return new ProtocolFigures("E", "live streaming", figures.connections(), figures.streamsEnded(),
                figures.bytesIn());
    }
}
