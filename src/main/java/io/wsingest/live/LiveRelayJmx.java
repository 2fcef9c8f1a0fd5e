package io.wsingest.live;

import java.util.function.Supplier;

import javax.management.InstanceAlreadyExistsException;
import javax.management.InstanceNotFoundException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import javax.management.StandardMBean;

/** Registers the relay's figures as the standard MBean {@value #NAME}, and removes it again. */
final class LiveRelayJmx implements LiveRelayMBean {

    static final String NAME = "io.wsingest:type=LiveRelay";

    private final Supplier<LiveFigures> figures;

    LiveRelayJmx(Supplier<LiveFigures> figures) {
        this.figures = figures;
    }

    /**
     * Registers the figures under {@link #NAME}, replacing a registration a previous deployment left behind.
     *
     * @return the name to unregister with
     */
    static ObjectName register(MBeanServer server, Supplier<LiveFigures> figures) throws JMException {
        ObjectName name = objectName();
        StandardMBean mbean = new StandardMBean(new LiveRelayJmx(figures), LiveRelayMBean.class);
        try {
            server.registerMBean(mbean, name);
        } catch (InstanceAlreadyExistsException e) {
            unregister(server, name);
            server.registerMBean(mbean, name);
        }
        return name;
    }

    static void unregister(MBeanServer server, ObjectName name) throws JMException {
        try {
            server.unregisterMBean(name);
        } catch (InstanceNotFoundException e) {
            // Already gone.
        }
    }

    static ObjectName objectName() {
        try {
            return new ObjectName(NAME);
        } catch (MalformedObjectNameException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public int getConnections() {
        return figures.get().connections();
    }

    @Override
    public int getActiveChannels() {
        return figures.get().activeChannels();
    }

    @Override
    public int getPublishers() {
        return figures.get().publishers();
    }

    @Override
    public int getReceivers() {
        return figures.get().receivers();
    }

    @Override
    public int getWaitingReceivers() {
        return figures.get().waitingReceivers();
    }

    @Override
    public long getBytesIn() {
        return figures.get().bytesIn();
    }

    @Override
    public long getBytesOut() {
        return figures.get().bytesOut();
    }

    @Override
    public long getReceiversDroppedTooSlow() {
        return figures.get().receiversDroppedTooSlow();
    }

    @Override
    public long getStreamsStarted() {
        return figures.get().streamsStarted();
    }

    @Override
    public long getStreamsEnded() {
        return figures.get().streamsEnded();
    }

    @Override
    public long getCacheBytes() {
        return figures.get().cacheBytes();
    }

    @Override
    public long getCacheBudgetBytes() {
        return figures.get().cacheBudgetBytes();
    }

    @Override
    public long getCacheBytesTrimmed() {
        return figures.get().cacheBytesTrimmed();
    }
}
