package io.wsingest.health;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import jakarta.jms.Topic;

import org.eclipse.microprofile.health.Readiness;

import io.wsingest.events.UploadEventPublisher;

/** The broker takes a consumer on the events topic. */
@Readiness
@ApplicationScoped
public class BrokerCheck extends ComponentCheck {

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    ConnectionFactory connectionFactory;

    @Resource(lookup = UploadEventPublisher.TOPIC)
    Topic topic;

    @Override
    public String name() {
        return "broker";
    }

    @Override
    protected ProbeResult probe() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createConsumer(topic).close();
            return ProbeResult.UP;
        }
    }
}
