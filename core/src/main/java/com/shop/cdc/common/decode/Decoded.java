package com.shop.cdc.common.decode;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import java.util.List;
import java.util.Map;

/** What a decoder made of one record: exactly one of these, never an exception. */
public sealed interface Decoded {

    /** A change of a row or document. */
    record Change(ChangeEvent event) implements Decoded {
    }

    /**
     * The null-valued record that follows a delete so that compaction can drop the key. The delete
     * before it carries the position and does the work; targets count a tombstone and skip it.
     */
    record Tombstone(Map<String, Object> key, KafkaCoordinates origin) implements Decoded {
    }

    /** A transaction boundary from the transaction-metadata topic. MariaDB's are unbalanced: never wait for END. */
    record TransactionBoundary(String status, String id, long eventCount, Map<String, Long> eventsPerCollection,
                               KafkaCoordinates origin) implements Decoded {
    }

    /** A DDL statement from the MariaDB/MySQL schema-change topic, with the tables it touched. */
    record SchemaChange(String database, String ddl, List<String> tables, KafkaCoordinates origin) implements Decoded {
    }

    /**
     * The record cannot be decoded; {@code field} names the field at fault when there is one.
     *
     * @param reason what was expected, what was found and which property governs it: always for a person
     * @param cause  the internal error behind a failure the decoder did not foresee (its class becomes the dead
     *               letter's error class), else null
     */
    record Failure(String reason, String field, KafkaCoordinates origin, Throwable cause) implements Decoded {

        public Failure(String reason, String field, KafkaCoordinates origin) {
            this(reason, field, origin, null);
        }

        public static Failure of(String reason, KafkaCoordinates origin) {
            return new Failure(reason, null, origin);
        }
    }

    /**
     * A MongoDB update whose document was already gone when the connector looked it up
     * ({@code change_streams_update_full} reads the document after the update; a delete in between
     * leaves {@code after} null). The delete that removed it follows in the log, so this update
     * carries no state: targets write nothing for it and the following delete decides the key.
     */
    record Superseded(SourceTable table, Map<String, Object> key, SourcePosition position, KafkaCoordinates origin)
            implements Decoded {
    }
}
