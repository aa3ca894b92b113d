package com.shop.cdc.common.event;

/**
 * A column value the source did not send: PostgreSQL leaves an unchanged TOAST column out of an
 * update under REPLICA IDENTITY DEFAULT and Debezium writes {@code __debezium_unavailable_value}.
 * Targets keep the value they already hold; the placeholder is never written.
 */
public enum Unavailable {
    VALUE;

    public static final String PLACEHOLDER = "__debezium_unavailable_value";
}
