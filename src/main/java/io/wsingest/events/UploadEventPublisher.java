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
 * transaction commits, so no session hears of a change that was rolled back. With the history on, each event is
 * first numbered and kept by the {@link EventHistory} in that same transaction, and carries its {@code seq}.
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
    static final String SEQ_PROPERTY = "seq";
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

    @Inject
    EventHistory history;

    private Counter published;

    @PostConstruct
    void registerMeters() {
        published = metrics.counter(Meter.EVENTS_PUBLISHED);
    }

    /** Made when the application starts, so that its figures are there from the first scrape on. */
    void startWithApplication(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // Creating the bean registered its meters.
    }

    /** Returns the event as published: with its {@code seq} when the history is on. */
    public UploadEvent publish(UploadEvent event) {
        UploadEvent sent = history.enabled() ? history.record(event) : event;
        // A context per event rather than an injected JMSContext: that one needs a request scope, which WebSocket
        // message handlers and executor threads do not have. The pool makes this cheap.
        try (JMSContext jms = connectionFactory.createContext()) {
            // Events are for the sessions connected now, whose subscriptions do not outlive a restart: writing them
            // to the broker's journal would cost a disk write each and save nothing. (A socket that missed one
            // catches up from the event history.)
            JMSProducer producer = jms.createProducer()
                    .setDeliveryMode(DeliveryMode.NON_PERSISTENT)
                    .setProperty(USER_PROPERTY, sent.userId())
                    .setProperty(UPLOAD_PROPERTY, sent.uploadId())
                    .setProperty(GROUP_PROPERTY, sent.userId())
                    .setProperty(SEQ_PROPERTY, sent.seq());
            if (sent.originSessionId() != null) {
                producer.setProperty(ORIGIN_PROPERTY, sent.originSessionId());
            }
            producer.send(topic, sent.json());
        }
        published.increment();
        return sent;
    }
}
