package com.shop.cdc.common.pipeline;

import com.shop.cdc.common.decode.Decoded;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.DeadLetter;
import com.shop.cdc.common.failure.Stage;
import com.shop.cdc.common.validate.Violation;
import java.time.Instant;
import java.util.List;

/** What the pipeline made of one record. */
public sealed interface Outcome {

    /** A valid change, transformed, ready for the targets. */
    record Accepted(ChangeEvent event) implements Outcome {
    }

    /** Nothing to write: a tombstone (its delete did the work), a transaction boundary, a schema change. */
    record Skipped(Decoded record) implements Outcome {
    }

    /**
     * A bad record, for the dead letter: never retried, since the same bytes fail the same way.
     *
     * @param cause the exception behind a transform failure, for the dead letter's stack trace; else null
     */
    record Rejected(Stage stage, String reason, String field, List<Violation> violations, KafkaCoordinates origin,
                    Throwable cause) implements Outcome {

        public Rejected {
            violations = List.copyOf(violations);
        }

        public Rejected(Stage stage, String reason, String field, List<Violation> violations, KafkaCoordinates origin) {
            this(stage, reason, field, violations, origin, null);
        }

        /** This rejection as the dead letter of {@code record}. */
        public DeadLetter deadLetter(RawRecord record, String service, Instant now) {
            return DeadLetter.rejected(record, stage, reason, field, violations, cause, service, now);
        }
    }
}
