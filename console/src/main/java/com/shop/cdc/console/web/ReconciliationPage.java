package com.shop.cdc.console.web;

import com.shop.cdc.console.audit.AuditLog;
import com.shop.cdc.console.services.ReconciliationReport;
import com.shop.cdc.console.services.ServiceApi;
import com.shop.cdc.console.services.ServiceCallException;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.LinkedHashMap;
import java.util.Map;

/** Each service's latest reconciliation report, and running one through the service's API. */
@Path("/reconciliation")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ReconciliationPage {

    private final ServiceApi services;
    private final AuditLog audit;
    private final Pages pages;
    private final Template reconciliation;

    public ReconciliationPage(ServiceApi services, AuditLog audit, Pages pages, Template reconciliation) {
        this.services = services;
        this.audit = audit;
        this.pages = pages;
        this.reconciliation = reconciliation;
    }

    /** A service's report, or why there is none. */
    public record Latest(ReconciliationReport report, String error) {
    }

    @GET
    @RolesAllowed("viewer")
    public TemplateInstance show() {
        Map<String, Latest> latest = new LinkedHashMap<>();
        for (String service : services.names()) {
            try {
                latest.put(service, new Latest(services.latestReconciliation(service).orElse(null), null));
            } catch (ServiceCallException e) {
                latest.put(service, new Latest(null, e.getMessage()));
            }
        }
        return pages.page(reconciliation).data("latest", latest);
    }

    @POST
    @Path("{service}")
    @RolesAllowed("operator")
    public TemplateInstance run(@PathParam("service") String service) {
        Map<String, Latest> latest = new LinkedHashMap<>();
        try {
            ReconciliationReport report = services.reconcile(service, pages.user());
            audit.record(pages.user(), "reconcile", service, null, report.clean() ? "clean" : "differences found");
            latest.put(service, new Latest(report, null));
        } catch (ServiceCallException e) {
            audit.record(pages.user(), "reconcile", service, null, e.getMessage());
            latest.put(service, new Latest(null, e.getMessage()));
        }
        return pages.page(reconciliation).data("latest", latest);
    }
}
