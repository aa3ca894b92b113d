package com.shop.cdc.console.web;

import com.shop.cdc.console.account.Role;
import com.shop.cdc.console.account.Users;
import com.shop.cdc.console.audit.AuditLog;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** The console's accounts, for admins: create one or set its password and role, delete one. */
@Path("/users")
@Produces(MediaType.TEXT_HTML)
@RolesAllowed("admin")
@Blocking
public class UsersPage {

    private final Users users;
    private final AuditLog audit;
    private final Pages pages;
    private final Template userList;

    public UsersPage(Users users, AuditLog audit, Pages pages, Template userList) {
        this.users = users;
        this.audit = audit;
        this.pages = pages;
        this.userList = userList;
    }

    @GET
    public TemplateInstance show() {
        return pages.page(userList).data("users", users.all()).data("minPassword", Users.MIN_PASSWORD);
    }

    @POST
    public TemplateInstance save(@FormParam("username") String username, @FormParam("password") String password,
                                 @FormParam("role") String role) {
        try {
            Role chosen = Role.of(role);
            users.save(username, password, chosen);
            audit.record(pages.user(), "save user", null, username, chosen.roleName());
            return pages.outcome("User " + username, true, List.of("saved as " + chosen.roleName()), "/users");
        } catch (IllegalArgumentException e) {
            return pages.outcome("User " + username, false, List.of(e.getMessage()), "/users");
        }
    }

    @POST
    @Path("{username}/delete")
    public TemplateInstance delete(@PathParam("username") String username) {
        if (username.equals(pages.user())) {
            return pages.outcome("User " + username, false, List.of("you cannot delete yourself"), "/users");
        }
        boolean deleted = users.delete(username);
        audit.record(pages.user(), "delete user", null, username, deleted ? "deleted" : "no such user");
        return pages.outcome("User " + username, deleted, List.of(deleted ? "deleted" : "no such user"), "/users");
    }
}
