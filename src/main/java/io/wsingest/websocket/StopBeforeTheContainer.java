package io.wsingest.websocket;

import java.util.Set;

import jakarta.enterprise.inject.spi.CDI;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Has every protocol close its connections ({@link ApplicationStop}) as the first step of the application's stop,
 * while the WebSocket sessions are still open and every bean works.
 *
 * <p>Why an initializer: the servlet container tells listeners that the context is destroyed in the reverse order
 * of their registration, and WildFly's Undertow registers the listener that closes every WebSocket session (with 1001
 * and no reason) after the application's declared listeners, before CDI's {@code @BeforeDestroyed} as well. Only a
 * listener added by a {@link ServletContainerInitializer} comes after it, and so is told first. (Registered in
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.)
 */
public class StopBeforeTheContainer implements ServletContainerInitializer {

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addListener(FirstToStop.class);
    }

    /** Told before the WebSocket container's own listener that the context is being destroyed. */
    public static class FirstToStop implements ServletContextListener {

        @Override
        public void contextDestroyed(ServletContextEvent event) {
            CDI.current().select(ApplicationStop.class).get().closeConnections();
        }
    }
}
