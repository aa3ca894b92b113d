package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import java.time.Instant;
import java.util.Set;

/** Reads Debezium's {@code source} block: which table, where in the log, when, in which transaction. */
record SourceBlock(SourceTable table, SourcePosition position, Instant timestamp, String transaction, boolean snapshot) {

    /** The fields of a {@code source} block read here, of every connector: a streamed envelope keeps only these. */
    static final Set<String> FIELDS_READ = Set.of("connector", "snapshot", "ts_ms", "db", "schema", "table", "collection",
            "lsn", "txId", "file", "pos", "row", "gtid", "ord", "txnNumber", "lsid");

    static SourceBlock read(JsonNode source, JsonNode transactionBlock) {
        if (source == null || !source.isObject()) {
            throw new DecodeException("the envelope has no 'source' block", "source");
        }
        String connector = source.path("connector").asText("");
        boolean snapshot = isSnapshot(source.get("snapshot"));
        Instant timestamp = Instant.ofEpochMilli(number(source, "ts_ms"));
        String transaction = transactionBlock != null && transactionBlock.hasNonNull("id")
                ? transactionBlock.get("id").asText() : null;
        try {
            return read(source, connector, snapshot, timestamp, transaction);
        } catch (IllegalArgumentException e) { // SourcePosition's own words: which coordinate does not fit
            throw new DecodeException("the source position cannot be encoded: " + e.getMessage(), "source");
        }
    }

    private static SourceBlock read(JsonNode source, String connector, boolean snapshot, Instant timestamp,
                                    String transaction) {
        return switch (connector) {
            case "postgresql" -> new SourceBlock(
                    new SourceTable(text(source, "db"), text(source, "schema"), text(source, "table")),
                    SourcePosition.postgres(number(source, "lsn"), snapshot), timestamp,
                    source.hasNonNull("txId") ? source.get("txId").asText() : transaction, snapshot);
            case "mysql", "mariadb" -> new SourceBlock(
                    new SourceTable(text(source, "db"), null, text(source, "table")),
                    SourcePosition.binlog(binlogFileIndex(required(source, "file").asText()), number(source, "pos"),
                            optionalNumber(source, "row"), snapshot), timestamp,
                    source.hasNonNull("gtid") ? source.get("gtid").asText() : transaction, snapshot);
            case "mongodb" -> new SourceBlock(
                    new SourceTable(text(source, "db"), null, text(source, "collection")),
                    SourcePosition.mongo(Math.floorDiv(timestamp.toEpochMilli(), 1000), optionalNumber(source, "ord"), snapshot),
                    timestamp, mongoTransaction(source, transaction), snapshot);
            default -> throw new DecodeException("unknown source connector '" + connector
                    + "': expected postgresql, mysql, mariadb or mongodb", "source.connector");
        };
    }

    /** Streamed changes say {@code "false"} (a boolean in older MongoDB examples); every other value is a snapshot read. */
    private static boolean isSnapshot(JsonNode snapshot) {
        if (snapshot == null || snapshot.isNull()) {
            return false;
        }
        return snapshot.isBoolean() ? snapshot.booleanValue() : !snapshot.asText().equals("false");
    }

    /** {@code mysql-bin.000003} → 3; rotation to the next file keeps positions growing. */
    static long binlogFileIndex(String file) {
        int dot = file.lastIndexOf('.');
        try {
            return Long.parseLong(file.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw new DecodeException("binlog file name '" + file + "' has no numeric index", "source.file");
        }
    }

    private static String mongoTransaction(JsonNode source, String fallback) {
        return source.hasNonNull("txnNumber") ? source.path("lsid").asText("") + ":" + source.get("txnNumber").asText() : fallback;
    }

    private static JsonNode required(JsonNode source, String field) {
        JsonNode value = source.get(field);
        if (value == null || value.isNull()) {
            throw new DecodeException("source." + field + " is missing", "source." + field);
        }
        return value;
    }

    /** A coordinate of the log: a whole number, never a text read as 0. */
    private static long number(JsonNode source, String field) {
        JsonNode value = required(source, field);
        if (!value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new DecodeException("source." + field + " should be a whole number, found " + Found.node(value),
                    "source." + field);
        }
        return value.longValue();
    }

    private static long optionalNumber(JsonNode source, String field) {
        JsonNode value = source.get(field);
        return value == null || value.isNull() ? 0 : number(source, field);
    }

    private static String text(JsonNode source, String field) {
        JsonNode value = source.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
