package com.shop.cdc.console.account;

import java.util.Locale;
import java.util.Set;

/** What a console user may do; each role includes the ones before it. */
public enum Role {
    /** Reads every page; dead-letter contents are masked. */
    VIEWER,
    /** Also sees dead-letter contents, replays, discards, restarts connectors and runs reconciliations. */
    OPERATOR,
    /** Also manages the console's users. */
    ADMIN;

    public static final String VIEWER_NAME = "viewer";
    public static final String OPERATOR_NAME = "operator";
    public static final String ADMIN_NAME = "admin";

    public String roleName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The role's name and those of the roles it includes. */
    public Set<String> granted() {
        return switch (this) {
            case VIEWER -> Set.of(VIEWER_NAME);
            case OPERATOR -> Set.of(VIEWER_NAME, OPERATOR_NAME);
            case ADMIN -> Set.of(VIEWER_NAME, OPERATOR_NAME, ADMIN_NAME);
        };
    }

    /** @throws IllegalArgumentException when the name is none of viewer, operator, admin */
    public static Role of(String name) {
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("a role is viewer, operator or admin, not " + name);
        }
    }
}
