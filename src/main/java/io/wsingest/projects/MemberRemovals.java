package io.wsingest.projects;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

import io.wsingest.events.UploadEventPublisher;

/**
 * Tells every node of a removed member, over the application's topic (the one {@code Upload.*} events take, as
 * messages of their own kind), so that the user's connections into the project end on whichever node they are.
 * Sent in the caller's transaction: the nodes hear of it only once the removal is committed.
 */
@ApplicationScoped
public class MemberRemovals {

    /** The value of {@link UploadEventPublisher#KIND_PROPERTY} that marks these messages. */
    static final String KIND = "member-removed";
    static final String PROJECT_PROPERTY = "projectId";
    static final String USER_PROPERTY = "userId";

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = UploadEventPublisher.TOPIC)
    Topic topic;

    void publish(MemberRemoved removed) {
        try (JMSContext jms = connectionFactory.createContext()) {
            jms.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty(UploadEventPublisher.KIND_PROPERTY, KIND)
                    .setProperty(PROJECT_PROPERTY, removed.projectId())
                    .setProperty(USER_PROPERTY, removed.userId())
                    .send(topic, "");
        }
    }
}
