package com.shop.cdc.search.elasticsearch;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An order with its line items, as one document. The order row and each line keep the source
 * position of their last change, and a deleted line keeps a marker with its position, so each
 * part takes a change only if it is newer: any interleaving or replay of order and item events
 * converges to the source. Without its order row (never seen, deleted or truncated) the document
 * is marked deleted and hidden by the alias filter; its lines stay for when the row comes.
 */
final class OrderDocument {

    static final String LINES = "lines";
    static final String LINE_NO = "line_no";
    static final String LINE_POSITION = "_position";
    private static final String REMOVED_LINES = "removed_lines";

    private final Object id;
    private Map<String, Object> order;
    private long orderPosition;
    private boolean orderPresent;
    private String op;
    private String sourceTs;
    private final TreeMap<Long, Map<String, Object>> lines = new TreeMap<>();
    private final TreeMap<Long, Long> removedLines = new TreeMap<>();
    private boolean changed;

    private OrderDocument(Object id) {
        this.id = id;
        this.order = Map.of();
    }

    static OrderDocument empty(Object id) {
        return new OrderDocument(id);
    }

    @SuppressWarnings("unchecked")
    static OrderDocument from(Object id, Map<String, Object> source) {
        OrderDocument document = new OrderDocument(id);
        Map<String, Object> order = new LinkedHashMap<>(source);
        Map<String, Object> cdc = (Map<String, Object>) order.remove(Bookkeeping.FIELD);
        List<Map<String, Object>> lines = (List<Map<String, Object>>) order.remove(LINES);
        order.remove("id");
        if (cdc != null) {
            document.orderPosition = number(cdc.get("position"));
            document.orderPresent = !Boolean.TRUE.equals(cdc.get("deleted"));
            document.op = (String) cdc.get("op");
            document.sourceTs = (String) cdc.get("source_ts");
            List<Map<String, Object>> removed = (List<Map<String, Object>>) cdc.get(REMOVED_LINES);
            if (removed != null) {
                removed.forEach(marker -> document.removedLines.put(number(marker.get(LINE_NO)),
                        number(marker.get("position"))));
            }
        }
        if (lines != null) {
            lines.forEach(line -> document.lines.put(number(line.get(LINE_NO)), line));
        }
        document.order = document.orderPresent ? order : Map.of();
        return document;
    }

    /** The order row at {@code position}: its fields, or null when it was deleted. True if it changed the document. */
    boolean order(long position, Map<String, Object> fields, String op, Instant sourceTimestamp) {
        if (position <= orderPosition) {
            return false;
        }
        orderPosition = position;
        orderPresent = fields != null;
        order = fields == null ? Map.of() : fields;
        this.op = op;
        this.sourceTs = sourceTimestamp == null ? null : sourceTimestamp.toString();
        changed = true;
        return true;
    }

    /** A line at {@code position}: its fields, or null when it was deleted. True if it changed the document. */
    boolean line(long lineNo, long position, Map<String, Object> fields) {
        if (position <= linePosition(lineNo)) {
            return false;
        }
        if (fields == null) {
            lines.remove(lineNo);
            removedLines.put(lineNo, position);
        } else {
            Map<String, Object> line = new LinkedHashMap<>(fields);
            line.put(LINE_NO, lineNo); // the key, whatever the row holds: lines are read back by it
            line.put(LINE_POSITION, position);
            lines.put(lineNo, line);
            removedLines.remove(lineNo);
        }
        changed = true;
        return true;
    }

    /** A truncate of the orders table at {@code position}: an older order row is gone. */
    boolean truncateOrder(long position) {
        if (orderPosition >= position || !orderPresent) {
            return false;
        }
        return order(position, null, "t", null);
    }

    /** A truncate of the items table at {@code position}: older lines are gone (the barrier stops older changes). */
    boolean truncateLines(long position) {
        boolean removed = lines.values().removeIf(line -> number(line.get(LINE_POSITION)) < position);
        removed |= removedLines.values().removeIf(marker -> marker < position);
        changed |= removed;
        return removed;
    }

    /**
     * Gives the order row, when the document has one, the declared defaults it lacks: a value a
     * change wrote (null included) stays. True if it changed the document.
     */
    boolean fillOrder(List<DefaultFields> defaults) {
        if (!orderPresent) {
            return false;
        }
        Map<String, Object> filled = new LinkedHashMap<>(order);
        defaults.stream().filter(declared -> declared.lackedBy(filled)).forEach(declared -> filled.putAll(declared.fields()));
        if (filled.size() == order.size()) {
            return false;
        }
        order = filled;
        changed = true;
        return true;
    }

    /** Gives each line the declared defaults it lacks, as {@link #fillOrder} does the order row. */
    boolean fillLines(List<DefaultFields> defaults) {
        boolean filledAny = false;
        for (Map.Entry<Long, Map<String, Object>> line : lines.entrySet()) {
            Map<String, Object> filled = new LinkedHashMap<>(line.getValue());
            defaults.stream().filter(declared -> declared.lackedBy(filled)).forEach(declared -> filled.putAll(declared.fields()));
            if (filled.size() != line.getValue().size()) {
                line.setValue(filled);
                filledAny = true;
            }
        }
        changed |= filledAny;
        return filledAny;
    }

    boolean changed() {
        return changed;
    }

    Map<String, Object> toSource() {
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("id", id);
        source.putAll(order);
        source.put(LINES, new ArrayList<>(lines.values()));
        Map<String, Object> cdc = Bookkeeping.of(orderPosition, !orderPresent, op, null);
        cdc.put("source_ts", sourceTs);
        List<Map<String, Object>> removed = new ArrayList<>();
        removedLines.forEach((lineNo, position) -> removed.add(Map.of(LINE_NO, lineNo, "position", position)));
        cdc.put(REMOVED_LINES, removed);
        source.put(Bookkeeping.FIELD, cdc);
        return source;
    }

    private long linePosition(long lineNo) {
        Map<String, Object> line = lines.get(lineNo);
        if (line != null) {
            return number(line.get(LINE_POSITION));
        }
        return removedLines.getOrDefault(lineNo, 0L);
    }

    private static long number(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
