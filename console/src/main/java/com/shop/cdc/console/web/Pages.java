package com.shop.cdc.console.web;

import com.shop.cdc.console.account.Role;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.List;

/** What every page's layout needs: who is signed in and what they may do; and the result page. */
@RequestScoped
public class Pages {

    @Inject
    SecurityIdentity identity;

    @Inject
    Template done;

    public TemplateInstance page(Template template) {
        return template.data("user", identity.getPrincipal().getName())
                .data("operator", identity.hasRole(Role.OPERATOR_NAME))
                .data("admin", identity.hasRole(Role.ADMIN_NAME));
    }

    public TemplateInstance outcome(String title, boolean ok, List<String> lines, String back) {
        return page(done).data("outcome", new Outcome(title, ok, lines, back));
    }

    public String user() {
        return identity.getPrincipal().getName();
    }

    /** Operators see what records held; viewers their metadata alone (docs/console.md, "What is masked"). */
    public boolean seesContents() {
        return identity.hasRole(Role.OPERATOR_NAME);
    }
}
