package com.shop.cdc.console.web;

import com.shop.cdc.console.audit.AuditLog;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Who replayed, discarded, restarted, reconciled or changed users, and when; newest first. */
@Path("/audit")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class AuditPage {

    static final int PAGE_SIZE = 100;

    private final AuditLog audit;
    private final Pages pages;
    private final Template auditLog;

    public AuditPage(AuditLog audit, Pages pages, Template auditLog) {
        this.audit = audit;
        this.pages = pages;
        this.auditLog = auditLog;
    }

    @GET
    @RolesAllowed("viewer")
    public TemplateInstance show(@QueryParam("page") int page) {
        int index = Math.max(page, 0);
        return pages.page(auditLog).data("entries", audit.latest(PAGE_SIZE, index * PAGE_SIZE)).data("page", index);
    }
}
