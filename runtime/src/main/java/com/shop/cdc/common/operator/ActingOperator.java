package com.shop.cdc.common.operator;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.core.HttpHeaders;

/**
 * The name the ledger records for who acted. The operators' console calls with an account of its own,
 * {@code console}, and names the person it acts for in {@value #HEADER}; the header is believed from
 * that account alone, so no other user can act under someone else's name.
 */
@RequestScoped
public class ActingOperator {

    static final String CONSOLE = "console";
    static final String HEADER = "X-Cdc-Acting-For";
    static final int MAX_NAME = 100;

    private final SecurityIdentity identity;
    private final HttpHeaders headers;

    public ActingOperator(SecurityIdentity identity, HttpHeaders headers) {
        this.identity = identity;
        this.headers = headers;
    }

    public String name() {
        String user = identity.getPrincipal().getName();
        return CONSOLE.equals(user) ? name(user, headers.getHeaderString(HEADER)) : user;
    }

    static String name(String user, String actingFor) {
        if (!CONSOLE.equals(user) || actingFor == null) {
            return user;
        }
        // The name lands in the ledger and in logs: printable characters only, bounded.
        String person = actingFor.replaceAll("\\p{Cntrl}", "").strip();
        if (person.isEmpty()) {
            return user;
        }
        return (person.length() > MAX_NAME ? person.substring(0, MAX_NAME) : person) + " via console";
    }
}
