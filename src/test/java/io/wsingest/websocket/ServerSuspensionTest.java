package io.wsingest.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import javax.management.AttributeChangeNotification;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.NotificationBroadcasterSupport;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

/**
 * The suspend watch on an MBean server of the test's own, with an MBean that announces its running state as WildFly's
 * {@code jboss.root:type=state} does: synchronously, as attribute changes of {@code RunningState}.
 */
class ServerSuspensionTest {

    /** Standard MBean interface of the stand-in: its name must be the class's plus {@code MBean}. */
    public interface ServerStateMBean {
        String getRunningState();
    }

    public static class ServerState extends NotificationBroadcasterSupport implements ServerStateMBean {
        private String state = "normal";
        private long sequence;

        @Override
        public String getRunningState() {
            return state;
        }

        void become(String next) {
            sendNotification(new AttributeChangeNotification(this, ++sequence, 0, "", ServerSuspension.RUNNING_STATE,
                    String.class.getName(), state, next));
            state = next;
        }
    }

    /** Records what the watch asked of the application, in order. */
    private static class RecordingStop extends ApplicationStop {
        final List<String> calls = new ArrayList<>();

        @Override
        public void closeConnections() {
            calls.add("close");
        }

        @Override
        public void reopen() {
            calls.add("reopen");
        }
    }

    private final MBeanServer server = MBeanServerFactory.newMBeanServer();
    private final ServerState state = new ServerState();
    private final RecordingStop stop = new RecordingStop();
    private final ServerSuspension suspension = new ServerSuspension();

    ServerSuspensionTest() {
        suspension.stop = stop;
    }

    private void registerServerState() throws Exception {
        server.registerMBean(state, new ObjectName(ServerSuspension.SERVER_STATE));
    }

    @Test
    void closesTheConnectionsWhenTheSuspendBeginsAndReopensOnResume() throws Exception {
        registerServerState();
        assertTrue(suspension.watch(server, listener -> listener));

        state.become("suspending");
        assertEquals(List.of("close"), stop.calls, "before the suspend goes on: the notification is synchronous");
        state.become("suspended");
        state.become("normal");
        assertEquals(List.of("close", "reopen"), stop.calls);
    }

    @Test
    void aServerWithoutTheStateMBeanIsNotWatched() throws Exception {
        assertFalse(suspension.watch(server, listener -> listener));
        suspension.unwatch();
    }

    @Test
    void theListenerGoesWithTheApplication() throws Exception {
        registerServerState();
        suspension.watch(server, listener -> listener);
        suspension.unwatch();

        state.become("suspending");
        assertEquals(List.of(), stop.calls);
    }
}
