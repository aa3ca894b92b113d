package com.shop.cdc.console.connect;

import java.util.List;

/** A Debezium connector on Kafka Connect with its state and its tasks'. */
public record Connector(String name, String type, String state, String worker, List<Task> tasks) {

    /** A task's state; the trace only when it failed (Connect's stack trace, no record contents). */
    public record Task(int id, String state, String worker, String trace) {
    }
}
