package io.wsingest.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

class LiveRelayJmxTest {

    @Test
    void registersTheFiguresAndUnregistersThem() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        LiveFigures figures = new LiveFigures(7, 3, 2, 40, 1, 1000, 40_000, 5, 9, 7, 300, 1000, 20, 12);
        ObjectName name = LiveRelayJmx.register(server, () -> figures);
        try {
            assertEquals(new ObjectName("io.wsingest:type=LiveRelay"), name);
            assertEquals(7, server.getAttribute(name, "Connections"));
            assertEquals(2, server.getAttribute(name, "Publishers"));
            assertEquals(40, server.getAttribute(name, "Receivers"));
            assertEquals(1000L, server.getAttribute(name, "BytesIn"));
            assertEquals(40_000L, server.getAttribute(name, "BytesOut"));
            assertEquals(5L, server.getAttribute(name, "ReceiversDroppedTooSlow"));
            assertEquals(9L, server.getAttribute(name, "StreamsStarted"));
            assertEquals(300L, server.getAttribute(name, "CacheBytes"));
            assertEquals(1000L, server.getAttribute(name, "CacheBudgetBytes"));
            assertEquals(20L, server.getAttribute(name, "CacheBytesTrimmed"));
        } finally {
            LiveRelayJmx.unregister(server, name);
        }
        assertFalse(server.isRegistered(name));
    }

    @Test
    void replacesARegistrationLeftBehindByAnEarlierDeployment() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        LiveFigures first = new LiveFigures(1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        LiveFigures second = new LiveFigures(2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        ObjectName name = LiveRelayJmx.register(server, () -> first);
        try {
            LiveRelayJmx.register(server, () -> second);
            assertTrue(server.isRegistered(name));
            assertEquals(2, server.getAttribute(name, "Connections"));
        } finally {
            LiveRelayJmx.unregister(server, name);
            LiveRelayJmx.unregister(server, name); // twice is harmless
        }
    }
}
