package com.shop.cdc.console.web;

import com.shop.cdc.console.services.DeadLetterQuery;
import jakarta.ws.rs.QueryParam;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The dead-letter filters of a page or an action (as query parameters): one service or all, and the services' own filters. */
public class Filter {

    @QueryParam("service")
    public String service;

    @QueryParam("topic")
    public String topic;

    @QueryParam("stage")
    public String stage;

    @QueryParam("errorClass")
    public String errorClass;

    @QueryParam("status")
    public String status;

    @QueryParam("from")
    public String from;

    @QueryParam("to")
    public String to;

    public DeadLetterQuery query() {
        return new DeadLetterQuery(topic, stage, errorClass, status, from, to);
    }

    /** The chosen service, or every configured one. */
    public List<String> services(Set<String> configured) {
        return service == null || service.isBlank() ? List.copyOf(configured)
                : configured.contains(service) ? List.of(service) : List.of();
    }

    public String queryString() {
        String filters = query().queryString();
        if (service == null || service.isBlank()) {
            return filters;
        }
        return "service=" + URLEncoder.encode(service, StandardCharsets.UTF_8) + (filters.isEmpty() ? "" : "&" + filters);
    }
}
