package io.wsingest.events;

import java.util.logging.Logger;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSDestinationDefinition;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;
import jakarta.jms.TextMessage;

import io.wsingest.logging.LogText;

/**
 * Runs on every node: takes each event from the topic and hands it to that node's sessions of the event's user.
 * A message it cannot read is rethrown, so the broker redelivers it and finally dead-letters it.
 *
 * <p>The application defines its topic itself, under a portable name, so that no server script has to create it; the
 * same destination name on every node is what a clustered broker forwards between nodes. The name differs from the
 * server topic earlier versions had their script create ({@code WsIngestUploadEvents}), so that a server still holding
 * it, or an old deployment that depends on it, takes the new WAR.
 */
@JMSDestinationDefinition(name = UploadEventPublisher.TOPIC, interfaceName = "jakarta.jms.Topic",
        destinationName = "wsingest_upload_events")
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = UploadEventPublisher.TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = UploadEventPublisher.KIND_PROPERTY + " IS NULL")
})
// Delivery only hands the text to in-memory outboxes: a transaction per event would add a commit and nothing else.
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class UploadEventDelivery implements MessageListener {

    private static final Logger LOG = Logger.getLogger(UploadEventDelivery.class.getName());

    @Inject
    SessionRegistry sessions;

    @Override
    public void onMessage(Message message) {
        UploadEvent event;
        try {
            event = new UploadEvent(message.getStringProperty(UploadEventPublisher.USER_PROPERTY),
                    message.getStringProperty(UploadEventPublisher.UPLOAD_PROPERTY),
                    ((TextMessage) message).getText(),
                    message.getStringProperty(UploadEventPublisher.ORIGIN_PROPERTY),
                    message.propertyExists(UploadEventPublisher.SEQ_PROPERTY)
                            ? message.getLongProperty(UploadEventPublisher.SEQ_PROPERTY) : UploadEvent.NO_SEQ,
                    false);
        } catch (JMSException | ClassCastException | IllegalArgumentException e) {
            throw new IllegalStateException("Unreadable upload event " + describe(message), e);
        }
        int delivered = sessions.deliver(event);
        LOG.fine(() -> "Event for upload " + event.uploadId() + " of " + LogText.escape(event.userId())
                + " reached " + delivered + " sessions");
    }

    private static String describe(Message message) {
        try {
            return message.getJMSMessageID();
        } catch (JMSException e) {
            return "(no id)";
        }
    }
}
