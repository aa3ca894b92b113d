package com.shop.cdc.console.web;

import com.shop.cdc.console.services.ServiceCallException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A service's failure on a page that cannot show anything without it: its status (502 when it did not answer). */
public class ServiceErrors {

    @ServerExceptionMapper
    public Response failed(ServiceCallException e) {
        int status = e.status() == 404 ? 404 : 502;
        return Response.status(status).type(MediaType.TEXT_PLAIN).entity(e.getMessage()).build();
    }
}
