package com.shop.cdc.common.target;

import java.util.List;

/** The targets a service writes, in order; each service produces its own. */
public record Targets(List<ChangeWriter> writers) {

    public Targets {
        writers = List.copyOf(writers);
    }
}
