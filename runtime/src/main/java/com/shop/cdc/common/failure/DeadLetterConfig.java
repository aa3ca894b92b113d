package com.shop.cdc.common.failure;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where dead letters go and who may handle them. */
@ConfigMapping(prefix = "cdc.dead-letters")
public interface DeadLetterConfig {

    /** The dead-letter topic of a source topic is the source topic's name followed by this. */
    @WithDefault(".dlq")
    String topicSuffix();

    /** The role an authenticated user needs for the dead-letter API. */
    @WithDefault("cdc-operator")
    String operatorRole();

    /** The most records one filtered replay may take; an operator repeats it for more. */
    @WithDefault("500")
    int replayLimit();
}
