package com.shop.cdc.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.console.account.Role;
import com.shop.cdc.console.account.Users;
import io.restassured.response.Response;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A signed-in browser as the tests drive it: its session cookie, and the CSRF token a page rendered. */
record Session(String cookie, String csrfCookie, String csrfToken) {

    private static final Pattern TOKEN = Pattern.compile("name=\"csrf-token\" value=\"([^\"]+)\"");

    static Response login(String user, String password) {
        return given().redirects().follow(false).formParam("j_username", user).formParam("j_password", password)
                .post("/j_security_check");
    }

    /** The viewer and the operator the page tests sign in as, created (again) before each test. */
    static void createAccounts(Users users) {
        users.save("vera", "viewer-pass-1", Role.VIEWER);
        users.save("otto", "operator-pass-1", Role.OPERATOR);
    }

    static Session viewer() {
        return of("vera", "viewer-pass-1");
    }

    static Session operator() {
        return of("otto", "operator-pass-1");
    }

    static Session of(String user, String password) {
        Response login = login(user, password);
        assertThat(login.statusCode()).isEqualTo(302);
        String cookie = login.getCookie("console-session");
        assertThat(cookie).as("session cookie of " + user).isNotBlank();
        Response page = given().cookie("console-session", cookie).get("/audit");
        assertThat(page.statusCode()).isEqualTo(200);
        Matcher token = TOKEN.matcher(page.asString());
        assertThat(token.find()).as("the page renders a CSRF token").isTrue();
        return new Session(cookie, page.getCookie("console-csrf"), token.group(1));
    }

    /** A form post with the session, with or without the page's CSRF token. */
    Response post(String path, boolean withToken) {
        var request = given().redirects().follow(false).cookie("console-session", cookie).contentType("application/x-www-form-urlencoded");
        if (withToken) {
            request = request.cookie("console-csrf", csrfCookie).formParam("csrf-token", csrfToken);
        } else {
            request = request.formParam("unused", "");
        }
        return request.post(path);
    }

    /** A form post with the session and its CSRF token, one field given several values. */
    Response post(String path, String field, String... values) {
        return given().redirects().follow(false).cookie("console-session", cookie).cookie("console-csrf", csrfCookie)
                .contentType("application/x-www-form-urlencoded").formParam("csrf-token", csrfToken)
                .formParam(field, (Object[]) values).post(path);
    }
}
