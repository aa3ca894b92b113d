package com.shop.cdc.common.event;

import java.util.Optional;

/** What happened to a row or document at the source. */
public enum Operation {
    CREATE("c"), UPDATE("u"), DELETE("d"), READ("r"), TRUNCATE("t");

    private final String code;

    Operation(String code) {
        this.code = code;
    }

    /** Debezium's one-letter {@code op}. */
    public String code() {
        return code;
    }

    public static Optional<Operation> fromCode(String code) {
        for (Operation operation : values()) {
            if (operation.code.equals(code)) {
                return Optional.of(operation);
            }
        }
        return Optional.empty();
    }

    /** The row exists at the source after this change. */
    public boolean isUpsert() {
        return this == CREATE || this == UPDATE || this == READ;
    }
}
