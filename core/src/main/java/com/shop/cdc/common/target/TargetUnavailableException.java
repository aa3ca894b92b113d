package com.shop.cdc.common.target;

/**
 * The target could not be written for a reason that is not the record's fault (unreachable,
 * timeout, overloaded, loading): the batch is retried and its offsets stay uncommitted.
 */
public class TargetUnavailableException extends RuntimeException {

    public TargetUnavailableException(String target, Throwable cause) {
        super(target + " unavailable: " + cause.getMessage(), cause);
    }
}
