package com.shop.cdc.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.console.ConsoleDatabase;
import com.shop.cdc.console.account.Users;
import com.shop.cdc.console.audit.AuditEntry;
import com.shop.cdc.console.audit.AuditLog;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The console on the local PostgreSQL (database console_test), with every service, Kafka and Connect
 * unreachable: sign-in, roles, CSRF and the audit, and pages that still answer.
 */
@QuarkusTest
@QuarkusTestResource(ConsoleDatabase.class)
class ConsoleSecurityIT {

    @Inject
    Users users;

    @Inject
    AuditLog audit;

    @Inject
    AgroalDataSource ledger;

    @BeforeEach
    void accounts() {
        Session.createAccounts(users);
    }

    @Test
    void pagesRedirectToTheLoginAndTheApiAnswers401() {
        Response page = given().redirects().follow(false).get("/dead-letters");
        assertThat(page.statusCode()).isEqualTo(302);
        assertThat(page.header("Location")).endsWith("/login");
        given().get("/api/audit").then().statusCode(401);
        given().get("/login").then().statusCode(200);
    }

    @Test
    void aBcryptUserSignsInAndAWrongPasswordDoesNot() {
        assertThat(users.find("vera").orElseThrow().passwordHash()).startsWith("$2").doesNotContain("viewer-pass-1");
        Session.viewer();
        Response wrong = Session.login("vera", "wrong-password");
        assertThat(wrong.getCookie("console-session")).isNull();
        assertThat(wrong.header("Location")).contains("/login?error=true");
        given().auth().preemptive().basic("vera", "viewer-pass-1").get("/api/audit").then().statusCode(200);
        given().auth().preemptive().basic("vera", "wrong-password").get("/api/audit").then().statusCode(401);
    }

    @Test
    void theBootstrapAdminSignsInAndManagesUsers() {
        Session admin = Session.of("admin", "admin-secret-1");
        given().cookie("console-session", admin.cookie()).get("/users").then().statusCode(200);
        Session viewer = Session.viewer();
        given().cookie("console-session", viewer.cookie()).get("/users").then().statusCode(403);
    }

    @Test
    void aViewerGets403OnEveryAction() {
        Session viewer = Session.viewer();
        assertThat(viewer.post("/reconciliation/users-sink", true).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/dead-letters/users-sink/1/replay", true).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/dead-letters/users-sink/1/discard", true).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/connectors/users-connector/restart", true).statusCode()).isEqualTo(403);
        assertThat(viewer.post("/users", true).statusCode()).isEqualTo(403);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndWithItIsAudited() throws InterruptedException {
        Session operator = Session.operator();
        assertThat(operator.post("/reconciliation/users-sink", false).statusCode()).isEqualTo(400);
        Response run = operator.post("/reconciliation/users-sink", true);
        assertThat(run.statusCode()).isEqualTo(303);
        // the run goes on in the background and fails at once: nothing answers for users-sink
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        List<AuditEntry> latest = audit.latest(1, 0);
        while (!latest.get(0).outcome().contains("does not answer") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            latest = audit.latest(1, 0);
        }
        assertThat(latest).singleElement().satisfies(entry -> {
            assertThat(entry.username()).isEqualTo("otto");
            assertThat(entry.action()).isEqualTo("reconcile");
            assertThat(entry.service()).isEqualTo("users-sink");
            assertThat(entry.outcome()).contains("does not answer");
        });
    }

    @Test
    void pagesAnswerWhileEveryServiceIsDown() throws SQLException {
        try (Connection connection = ledger.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("DELETE FROM cdc_dead_letter");
            statement.execute("INSERT INTO cdc_dead_letter (service, first_failed_at) VALUES ('users-sink', now()),"
                    + " ('users-sink', now()), ('orders-sink', now()), ('orders-sink', now() - interval '5 hours')");
        }
        Session viewer = Session.viewer();
        Response overview = given().cookie("console-session", viewer.cookie()).get("/");
        assertThat(overview.statusCode()).isEqualTo(200);
        assertThat(overview.asString()).contains("orders-sink", "unreachable", "Kafka Connect at",
                "3 dead letters, 0 hours ago", "1 dead letters, 5 hours ago");
        Response letters = given().cookie("console-session", viewer.cookie()).get("/dead-letters");
        assertThat(letters.statusCode()).isEqualTo(200);
        assertThat(letters.asString()).contains("lake-sink does not answer");
    }
}
