package io.wsingest.websocket;

import java.lang.management.ManagementFactory;
import java.util.function.UnaryOperator;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.management.AttributeChangeNotification;
import javax.management.AttributeChangeNotificationFilter;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MalformedObjectNameException;
import javax.management.Notification;
import javax.management.NotificationListener;
import javax.management.ObjectName;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ContextService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Closes the application's connections when WildFly suspends, before its WebSocket container does. A suspend is the
 * first step of every graceful WildFly shutdown (the management operation {@code :shutdown}, SIGTERM) and all of
 * {@code :suspend}; in it Undertow closes every WebSocket session with 1001 and no reason while the application is
 * still deployed, so {@link StopBeforeTheContainer}, told only when the deployment stops, would come too late.
 *
 * <p>WildFly announces a suspend on the MBean {@value #SERVER_STATE}: its attribute {@code RunningState} becomes
 * {@code suspending} before any part of the server suspends, and the notification is delivered on the suspending
 * thread, which waits for it. The closes run then, in the application's context; {@code normal} again means the
 * server resumed. Standard JMX only: a server without that MBean (Payara) is not watched, and needs no watching.
 */
@ApplicationScoped
public class ServerSuspension {

    private static final Logger LOG = Logger.getLogger(ServerSuspension.class.getName());

    static final String SERVER_STATE = "jboss.root:type=state";
    static final String RUNNING_STATE = "RunningState";

    @Resource
    ContextService context;

    @Inject
    ApplicationStop stop;

    private MBeanServer watched;
    private NotificationListener listener;

    void start(@Observes @Initialized(ApplicationScoped.class) Object event) {
        try {
            watch(ManagementFactory.getPlatformMBeanServer(),
                    plain -> context.createContextualProxy(plain, NotificationListener.class));
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot watch the server's suspend; a suspend or shutdown closes WebSockets"
                    + " without the protocols' own closes", e);
        }
    }

    /**
     * Listens to the server's running state, where the server has one.
     *
     * @param inContext wraps the listener so that it runs in the application's context on the server's thread
     * @return whether this server announces its suspends
     */
    boolean watch(MBeanServer server, UnaryOperator<NotificationListener> inContext) throws JMException {
        ObjectName state = serverState();
        if (!server.isRegistered(state)) {
            return false;
        }
        AttributeChangeNotificationFilter filter = new AttributeChangeNotificationFilter();
        filter.enableAttribute(RUNNING_STATE);
        listener = inContext.apply((notification, handback) -> runningStateChanged(notification));
        server.addNotificationListener(state, listener, filter, null);
        watched = server;
        return true;
    }

    @PreDestroy
    void unwatch() {
        if (watched == null) {
            return;
        }
        try {
            watched.removeNotificationListener(serverState(), listener);
        } catch (JMException | RuntimeException e) {
            LOG.log(Level.WARNING, "Cannot stop watching the server's suspend", e);
        }
        watched = null;
    }

    private void runningStateChanged(Notification notification) {
        if (!(notification instanceof AttributeChangeNotification change)) {
            return;
        }
        if ("suspending".equals(change.getNewValue())) {
            LOG.info("The server suspends: every protocol closes its connections before the WebSocket container does");
            stop.closeConnections();
        } else if ("normal".equals(change.getNewValue())) {
            stop.reopen();
        }
    }

    private static ObjectName serverState() throws MalformedObjectNameException {
        return new ObjectName(SERVER_STATE);
    }
}
