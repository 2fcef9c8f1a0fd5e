package io.wsingest.events;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.DeliveryMode;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSProducer;
import jakarta.jms.Topic;

import io.micrometer.core.instrument.Counter;

import io.wsingest.metrics.Meter;
import io.wsingest.metrics.Metrics;

/**
 * Publishes {@code Upload.*} events to the events topic. Inside a transaction the message is sent when the
 * transaction commits, so no session hears of a change that was rolled back.
 *
 * <p>Each user's events form one message group, so the broker hands them to one consumer at a time and they reach the
 * user's sessions in the order they were published (a job's growing text never arrives shuffled), while different
 * users' events are still delivered in parallel.
 */
@ApplicationScoped
public class UploadEventPublisher {

    /** The topic the application defines itself, on {@link UploadEventDelivery}. */
    public static final String TOPIC = "java:app/jms/wsingest/UploadEvents";

    static final String USER_PROPERTY = "userId";
    static final String UPLOAD_PROPERTY = "uploadId";
    static final String ORIGIN_PROPERTY = "originSessionId";
    /**
     * Other messages share the topic, each kind with this property set (a member removal, say); {@code Upload.*}
     * events have none, and {@link UploadEventDelivery} selects only those.
     */
    public static final String KIND_PROPERTY = "kind";
    /** The standard message group property: Artemis delivers a group's messages in order to one consumer. */
    static final String GROUP_PROPERTY = "JMSXGroupID";

    /** The server's default connection factory: pooled, and it joins the caller's JTA transaction when there is one. */
    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = TOPIC)
    Topic topic;

    @Inject
    Metrics metrics;

    private Counter published;

    @PostConstruct
    void registerMeters() {
        published = metrics.counter(Meter.EVENTS_PUBLISHED);
    }

    /** Made when the application starts, so that its figures are there from the first scrape on. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Creating the bean registered its meters.
    }

    // A context per event rather than an injected JMSContext: that one needs a request scope, which WebSocket
    // message handlers and executor threads do not have. The pool makes this cheap.
    public void publish(UploadEvent event) {
        try (JMSContext jms = connectionFactory.createContext()) {
            // Events are for the sessions connected now, whose subscriptions do not outlive a restart: writing them
            // to the broker's journal would cost a disk write each and save nothing.
            JMSProducer producer = jms.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty(USER_PROPERTY, event.userId())
                    .setProperty(UPLOAD_PROPERTY, event.uploadId())
                    .setProperty(GROUP_PROPERTY, event.userId());
            if (event.originSessionId() != null) {
                producer.setProperty(ORIGIN_PROPERTY, event.originSessionId());
            }
            producer.send(topic, event.json());
        }
        published.increment();
    }
}
