package com.shop.cdc.common.decode;

/**
 * The schema registry did not answer (unreachable, timeout, 5xx, refused credentials), so a record
 * naming a schema not yet cached cannot be decoded now. Not the record's fault and never a dead
 * letter: like a target's outage, the batch waits, retried under the failure policy.
 */
public final class RegistryUnavailableException extends RuntimeException {

    /** The name the failure policy, readiness and metrics know the registry by. */
    public static final String NAME = "schema-registry";

    public RegistryUnavailableException(String problem, Throwable cause) {
        super(problem, cause);
    }
}
