package com.shop.cdc.common.failure;

import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Where permanent failures go: the ledger first (it keeps the whole record, whatever its size, and
 * counts the attempts), then the dead-letter topic. Both are waited for, retried while unavailable:
 * the batch that holds these records is not acknowledged before both have them, so none is lost.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);

    private final DeadLetterLedger ledger;
    private final DeadLetterTopics topics;
    private final FailurePolicy policy;
    private final MeterRegistry registry;

    public DeadLetters(DeadLetterLedger ledger, DeadLetterTopics topics, FailurePolicy policy, MeterRegistry registry) {
        this.ledger = ledger;
        this.topics = topics;
        this.policy = policy;
        this.registry = registry;
    }

    public void send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<Integer> attempts = policy.untilAvailable(DeadLetterLedger.TARGET, () -> ledger.record(letters));
        policy.untilAvailable(DeadLetterTopics.TARGET, () -> {
            topics.publish(letters, attempts);
            return attempts;
        });
        for (DeadLetter letter : letters) {
            var origin = letter.record().origin();
            registry.counter("cdc.dead.letters", "topic", origin.topic(), "stage", letter.stage(),
                    "error", letter.errorClass()).increment();
            // Where the record is and why it failed; its values stay out of the log.
            LOG.warnf("dead letter %s-%d@%d at %s: %s", origin.topic(), origin.partition(), origin.offset(),
                    letter.stage(), letter.message());
        }
    }
}
