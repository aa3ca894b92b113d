package com.shop.cdc.console.web;

import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The login form (posted to the form mechanism's j_security_check) and signing out. */
@Path("/")
public class LoginPage {

    private final Template login;
    private final String cookie;

    public LoginPage(Template login, @ConfigProperty(name = "quarkus.http.auth.form.cookie-name") String cookie) {
        this.login = login;
        this.cookie = cookie;
    }

    @GET
    @Path("login")
    @Produces(MediaType.TEXT_HTML)
    public TemplateInstance show(@QueryParam("error") boolean error) {
        return login.data("error", error);
    }

    @POST
    @Path("logout")
    public Response logout() {
        return Response.seeOther(URI.create("/login"))
                .cookie(new NewCookie.Builder(cookie).value("").path("/").maxAge(0).httpOnly(true).build()).build();
    }
}
