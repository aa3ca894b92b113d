package com.shop.cdc.console.services;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** A service's readiness as {@code /q/health/ready} reports it. */
public record Health(String status, List<Check> checks) {

    public record Check(String name, String status, JsonNode data) {
    }

    public boolean up() {
        return "UP".equals(status);
    }

    /** The checks that are down, by name. */
    public List<String> down() {
        return checks == null ? List.of() : checks.stream().filter(check -> !"UP".equals(check.status()))
                .map(Check::name).toList();
    }
}
