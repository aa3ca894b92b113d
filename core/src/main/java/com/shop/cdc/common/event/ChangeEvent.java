package com.shop.cdc.common.event;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One decoded change of one row or document. Values in {@code key}, {@code before} and
 * {@code after} are logical: BigDecimal, Instant, LocalDate, LocalTime, String, Long (every integer),
 * Boolean, Double, byte[], List, Map (JSON), {@link Infinity} or {@link Unavailable}. A map's
 * absence is {@code null} (a create has no before, a delete no after, a truncate neither).
 *
 * @param position    where the change stands in the source's log; never null
 * @param transaction the source transaction id, or null
 * @param snapshot    read by the connector's snapshot rather than streamed from the log
 * @param headers     Debezium's headers of a primary-key change, where the record has them
 * @param defaults    the defaults the source's schema declares for the row's fields, as logical values (only fields
 *                    that declare one): {@code ADD COLUMN … DEFAULT x} fills existing rows without an event, so a
 *                    target that learns a new column from this change gives its existing rows this value
 */
public record ChangeEvent(
        SourceTable table,
        Map<String, Object> key,
        Operation operation,
        Map<String, Object> before,
        Map<String, Object> after,
        SourcePosition position,
        Instant sourceTimestamp,
        String transaction,
        boolean snapshot,
        KafkaCoordinates origin,
        Map<String, String> headers,
        Map<String, Object> defaults) {

    /** Header Debezium sets on the delete and tombstone of a primary-key change. */
    public static final String NEW_KEY_HEADER = "__debezium.newkey";
    /** Header Debezium sets on the create of a primary-key change. */
    public static final String OLD_KEY_HEADER = "__debezium.oldkey";

    public ChangeEvent {
        key = frozen(key);
        before = frozen(before);
        after = frozen(after);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        defaults = defaults == null || defaults.isEmpty() ? Map.of() : frozen(defaults);
    }

    /** A change whose schema declares no defaults (or that has no schema). */
    @SuppressWarnings("checkstyle:ParameterNumber") // the record's components but one
    public ChangeEvent(SourceTable table, Map<String, Object> key, Operation operation, Map<String, Object> before,
                       Map<String, Object> after, SourcePosition position, Instant sourceTimestamp, String transaction,
                       boolean snapshot, KafkaCoordinates origin, Map<String, String> headers) {
        this(table, key, operation, before, after, position, sourceTimestamp, transaction, snapshot, origin, headers,
                Map.of());
    }

    /** The same change with other row images, as transforms produce it. */
    public ChangeEvent withImages(Map<String, Object> newBefore, Map<String, Object> newAfter) {
        return new ChangeEvent(table, key, operation, newBefore, newAfter, position, sourceTimestamp, transaction,
                snapshot, origin, headers, defaults);
    }

    /** The row after the change, or the row before it for a delete: what validation and targets read. */
    public Map<String, Object> row() {
        return after != null ? after : before;
    }

    /** For the delete half of a primary-key change: the key the row moved to, as Debezium serialised it. */
    public Optional<String> movedToKey() {
        return Optional.ofNullable(headers.get(NEW_KEY_HEADER));
    }

    /** For the create half of a primary-key change: the key the row came from. */
    public Optional<String> movedFromKey() {
        return Optional.ofNullable(headers.get(OLD_KEY_HEADER));
    }

    /** Copies a map into an unmodifiable one, unless it already is one (decoders and transforms hand over their own). */
    private static Map<String, Object> frozen(Map<String, Object> values) {
        if (values == null || values.getClass() == UNMODIFIABLE) {
            return values;
        }
        return Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    private static final Class<?> UNMODIFIABLE = Collections.unmodifiableMap(new LinkedHashMap<>()).getClass();
}
