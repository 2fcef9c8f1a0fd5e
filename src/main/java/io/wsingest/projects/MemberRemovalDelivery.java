package io.wsingest.projects;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.MessageListener;

import io.wsingest.events.UploadEventPublisher;

/** Runs on every node: ends the connections of this node that a member removal ({@link MemberRemovals}) revokes. */
@MessageDriven(activationConfig = {
        @ActivationConfigProperty(propertyName = "destinationLookup", propertyValue = UploadEventPublisher.TOPIC),
        @ActivationConfigProperty(propertyName = "destinationType", propertyValue = "jakarta.jms.Topic"),
        @ActivationConfigProperty(propertyName = "acknowledgeMode", propertyValue = "Auto-acknowledge"),
        @ActivationConfigProperty(propertyName = "messageSelector",
                propertyValue = UploadEventPublisher.KIND_PROPERTY + " = '" + MemberRemovals.KIND + "'")
})
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class MemberRemovalDelivery implements MessageListener {

    @Inject
    ProjectConnections connections;

    @Override
    public void onMessage(Message message) {
        MemberRemoved removed;
        try {
            removed = new MemberRemoved(message.getStringProperty(MemberRemovals.PROJECT_PROPERTY),
                    message.getStringProperty(MemberRemovals.USER_PROPERTY));
        } catch (JMSException e) {
            // Rethrown: the broker redelivers it and finally dead-letters it.
            throw new IllegalStateException("Unreadable member removal", e);
        }
        connections.memberRemoved(removed);
    }
}
