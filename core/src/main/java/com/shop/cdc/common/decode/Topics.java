package com.shop.cdc.common.decode;

/** How reasons name a topic's configuration. */
public final class Topics {

    private Topics() {
    }

    /** {@code cdc.pipeline.topics."<topic>".<property>}, as docs/configuration.md and start-up errors spell it. */
    public static String property(String topic, String property) {
        return "cdc.pipeline.topics.\"" + topic + "\"." + property;
    }
}
