package com.shop.cdc.common.target;

/**
 * A write failed while the target answered its health probe: the change, not the target, is the
 * likely cause. Never retried as an outage; the change is tried alone a bounded number of times
 * and then dead-lettered with the target's error.
 */
public class TargetRefusedException extends RuntimeException {

    public TargetRefusedException(String target, Throwable cause) {
        super(target + " refused the write while answering its health probe: " + cause.getMessage(), cause);
    }
}
