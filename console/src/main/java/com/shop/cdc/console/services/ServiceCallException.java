package com.shop.cdc.console.services;

/** A service did not answer, or answered with an error; the message names the service and says which. */
public class ServiceCallException extends RuntimeException {

    private final int status;

    public ServiceCallException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status the service answered, 0 when it did not answer. */
    public int status() {
        return status;
    }
}
