package com.shop.cdc.common.failure;

import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * Where permanent failures go: the ledger first (it keeps the whole record, whatever its size, and
 * counts the attempts), then the dead-letter topic. Both are waited for, retried while unavailable:
 * the batch that holds these records is not acknowledged before both have them, so none is lost.
 */
@ApplicationScoped
public class DeadLetters {

    private static final Logger LOG = Logger.getLogger(DeadLetters.class);
    private static final int MAX_KEY_CHARS = 1000;

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

    /** The record's key as text, cut short: keys are ids, never personal values, but they can be long. */
    private static String keyOf(DeadLetter letter) {
        byte[] key = letter.record().key();
        if (key == null) {
            return "";
        }
        String text = new String(key, StandardCharsets.UTF_8);
        return text.length() <= MAX_KEY_CHARS ? text : text.substring(0, MAX_KEY_CHARS) + "…";
    }

    public void send(List<DeadLetter> letters) {
        if (letters.isEmpty()) {
            return;
        }
        List<DeadLetterLedger.Recorded> recorded = policy.untilAvailable(DeadLetterLedger.TARGET, () -> ledger.record(letters));
        // Once per record and failure: a record delivered again after a restart is not published twice.
        List<DeadLetter> unpublished = new ArrayList<>();
        List<Integer> attempts = new ArrayList<>();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < letters.size(); i++) {
            if (recorded.get(i).unpublished()) {
                unpublished.add(letters.get(i));
                attempts.add(recorded.get(i).attempts());
                ids.add(recorded.get(i).id());
            }
        }
        if (!unpublished.isEmpty()) {
            policy.untilAvailable(DeadLetterTopics.TARGET, () -> {
                topics.publish(unpublished, attempts);
                return ids;
            });
            policy.untilAvailable(DeadLetterLedger.TARGET, () -> {
                ledger.published(ids);
                return ids;
            });
        }
        for (DeadLetter letter : letters) {
            var origin = letter.record().origin();
            registry.counter("cdc.dead.letters", "topic", origin.topic(), "stage", letter.stage(),
                    "error", letter.errorClass()).increment();
            // Where the record is and what kind of failure: the message can quote a value, so it stays
            // in the ledger and the dead-letter headers, out of the log.
            MDC.put("topic", origin.topic());
            MDC.put("partition", origin.partition());
            MDC.put("offset", origin.offset());
            MDC.put("key", keyOf(letter));
            try {
                LOG.warnf("dead letter %s-%d@%d at %s: %s%s", origin.topic(), origin.partition(), origin.offset(),
                        letter.stage(), letter.errorClass(), letter.field() == null ? "" : " (field " + letter.field() + ")");
            } finally {
                MDC.clear();
            }
        }
    }
}
