package com.shop.cdc.common.operator;

import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.DeadLetter;
import com.shop.cdc.common.failure.ledger.DeadLetterEntry;
import com.shop.cdc.common.failure.ledger.DeadLetterLedger;
import com.shop.cdc.common.failure.ledger.DeadLetterStatus;
import com.shop.cdc.common.pipeline.ChangePipeline;
import com.shop.cdc.common.pipeline.Outcome;
import com.shop.cdc.common.pipeline.Routing;
import com.shop.cdc.common.pipeline.TargetWrites;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.Targets;
import com.shop.cdc.common.target.WriteOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Replays a dead letter through the pipeline as it is configured now, into this service's
 * targets. The targets' position guard applies as to any record, so a replay of an old change
 * cannot overwrite newer data. A record that fails again stays NEW with its new failure.
 */
@ApplicationScoped
public class DeadLetterReplay {

    /** What came of one replay. */
    public record Result(long id, Status status, String stage, String message) {
    }

    public enum Status {
        /** Written to every target (or nothing in it was for them); the entry is REPLAYED. */
        REPLAYED,
        /** It failed again; the entry stays NEW with the new failure. */
        FAILED,
        /** Only NEW entries are replayed. */
        NOT_NEW
    }

    private final ChangePipeline pipeline;
    private final Targets targets;
    private final Routing routing;
    private final TargetWrites writes;
    private final DeadLetterLedger ledger;

    public DeadLetterReplay(ChangePipeline pipeline, Routing routing, Targets targets, TargetWrites writes,
                            DeadLetterLedger ledger) {
        this.pipeline = pipeline;
        this.targets = targets;
        this.routing = routing; // a table still nobody keeps fails again
        this.writes = writes;
        this.ledger = ledger;
    }

    /** @throws com.shop.cdc.common.target.TargetUnavailableException when a target is down: try again later */
    public Result replay(DeadLetterEntry entry, String operator) {
        if (entry.status != DeadLetterStatus.NEW) {
            return new Result(entry.id, Status.NOT_NEW, entry.stage, "the entry is " + entry.status);
        }
        RawRecord record = new RawRecord(new KafkaCoordinates(entry.sourceTopic, entry.sourcePartition,
                entry.sourceOffset, entry.sourceTimestamp.toEpochMilli()), entry.recordKey, entry.recordValue,
                ledger.headers(entry));
        Outcome outcome = pipeline.process(record, routing);
        if (outcome instanceof Outcome.Rejected rejected) {
            return failedAgain(entry, rejected.deadLetter(record, ledger.service(), Instant.now()));
        }
        if (outcome instanceof Outcome.Accepted accepted) {
            for (ChangeWriter writer : targets.writers()) {
                WriteOutcome written = writes.writeOnce(writer, List.of(accepted.event())).get(0);
                if (written.isRejected()) {
                    return failedAgain(entry, DeadLetter.refused(record, writer.target(), written.reason(),
                            ledger.service(), Instant.now()));
                }
            }
        }
        ledger.replayed(entry.id, operator);
        return new Result(entry.id, Status.REPLAYED, null, null);
    }

    private Result failedAgain(DeadLetterEntry entry, DeadLetter letter) {
        ledger.failedAgain(entry.id, letter);
        return new Result(entry.id, Status.FAILED, letter.stage(), letter.message());
    }
}
