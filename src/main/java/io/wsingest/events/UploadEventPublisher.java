package io.wsingest.events;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
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

    @Inject
    JMSContext jms;

    @Resource(lookup = TOPIC)
    Topic topic;

    public void publish(UploadEvent event) {
        jms.createProducer()
                .setProperty(USER_PROPERTY, event.userId())
                .setProperty(UPLOAD_PROPERTY, event.uploadId())
                .send(topic, event.json());
    }
}
