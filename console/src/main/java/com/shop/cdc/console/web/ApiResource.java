package com.shop.cdc.console.web;

import com.shop.cdc.console.audit.AuditEntry;
import com.shop.cdc.console.audit.AuditLog;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** JSON for scripts, behind HTTP basic authentication with the console's accounts (never a login redirect). */
@Path("/api")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class ApiResource {

    private final AuditLog audit;

    public ApiResource(AuditLog audit) {
        this.audit = audit;
    }

    @GET
    @Path("audit")
    @RolesAllowed("viewer")
    public List<AuditEntry> audit(@QueryParam("page") int page) {
        return audit.latest(AuditPage.PAGE_SIZE, Math.max(page, 0) * AuditPage.PAGE_SIZE);
    }
}
