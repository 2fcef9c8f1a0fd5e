package io.wsingest.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

/**
 * Publishes {@code Upload.*} events to the events topic. Inside a transaction the message is sent when the
 * transaction commits, so no session hears of a change that was rolled back.
 */
@ApplicationScoped
public class UploadEventPublisher {

    /** The topic defined by {@code wildfly-config/configure.cli}. */
    public static final String TOPIC = "java:/jms/topic/wsingest/UploadEvents";

    static final String USER_PROPERTY = "userId";
    static final String UPLOAD_PROPERTY = "uploadId";

    /** The pooled connection factory: it joins the caller's JTA transaction when there is one. */
    @Resource(lookup = "java:/JmsXA")
    ConnectionFactory connectionFactory;

    @Resource(lookup = TOPIC)
    Topic topic;

    // A context per event rather than an injected JMSContext: that one needs a request scope, which WebSocket
    // message handlers and executor threads do not have. The pool makes this cheap.
    public void publish(UploadEvent event) {
        try (JMSContext jms = connectionFactory.createContext()) {
            jms.createProducer()
                    .setProperty(USER_PROPERTY, event.userId())
                    .setProperty(UPLOAD_PROPERTY, event.uploadId())
                    .send(topic, event.json());
        }
    }
}
