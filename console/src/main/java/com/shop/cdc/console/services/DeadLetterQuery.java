package com.shop.cdc.console.services;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The filters of the services' dead-letter API; blank ones are left out. Times are ISO-8601 instants. */
public record DeadLetterQuery(String topic, String stage, String errorClass, String status, String from, String to) {

    public DeadLetterQuery withStatus(String newStatus) {
        return new DeadLetterQuery(topic, stage, errorClass, newStatus, from, to);
    }

    /** {@code name=value&...}, URL-encoded, without the blank filters. */
    public String queryString() {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("topic", topic);
        parameters.put("stage", stage);
        parameters.put("errorClass", errorClass);
        parameters.put("status", status);
        parameters.put("from", from);
        parameters.put("to", to);
        return parameters.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue().strip(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
