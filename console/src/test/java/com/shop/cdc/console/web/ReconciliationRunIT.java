package com.shop.cdc.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.console.ConsoleDatabase;
import com.shop.cdc.console.account.Users;
import com.shop.cdc.console.audit.AuditEntry;
import com.shop.cdc.console.audit.AuditLog;
import com.shop.cdc.console.reconcile.ReconciliationRun;
import com.shop.cdc.console.reconcile.ReconciliationRuns;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A run starts in the background, shows as running, and its report is kept in console_reconciliation_run. */
@QuarkusTest
@QuarkusTestResource(ConsoleDatabase.class)
@QuarkusTestResource(value = StubService.class, restrictToAnnotatedClass = true)
class ReconciliationRunIT {

    @Inject
    Users users;

    @Inject
    ReconciliationRuns runs;

    @Inject
    AuditLog audit;

    @BeforeEach
    void accounts() {
        Session.createAccounts(users);
    }

    @Test
    void aRunIsRunningThenKeptWithItsReportAndAudited() throws InterruptedException {
        Session operator = Session.operator();
        Response started = operator.post("/reconciliation/users-sink", true);
        assertThat(started.statusCode()).isEqualTo(303);
        String location = started.getHeader("Location");
        assertThat(location).matches(".*/reconciliation/runs/\\d+");
        long id = Long.parseLong(location.substring(location.lastIndexOf('/') + 1));

        String running = page(operator, "/reconciliation/runs/" + id);
        assertThat(running).contains("Running for", "http-equiv=\"refresh\"");
        assertThat(page(operator, "/reconciliation")).contains("http-equiv=\"refresh\"", "otto", "running");
        Response second = operator.post("/reconciliation/users-sink", true);
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(second.asString()).contains("in progress");
        assertThat(Session.viewer().post("/reconciliation/users-sink", true).statusCode())
                .isEqualTo(403);

        StubService.RECONCILIATIONS.release();
        ReconciliationRun run = await(id, r -> !r.running());
        assertThat(run.outcome()).isEqualTo("differences");
        assertThat(run.startedBy()).isEqualTo("otto");
        assertThat(run.finishedAt()).isNotNull();
        assertThat(run.report().targets()).singleElement().satisfies(target -> {
            assertThat(target.missing()).isEqualTo(1);
            assertThat(target.different()).isEqualTo(2);
            assertThat(target.listed()).singleElement().satisfies(d -> assertThat(d.key()).isEqualTo(StubService.MISSING_KEY));
        });
        String finished = page(operator, "/reconciliation/runs/" + id);
        assertThat(finished).doesNotContain("http-equiv=\"refresh\"")
                .contains("differences", "users-postgres", "MISSING", "{&quot;id&quot;:41}")
                .contains("/lookup?service=users-sink&amp;target=users-postgres&amp;key=%7B%22id%22%3A41%7D"
                        + "&amp;topic=shop.public.users&amp;partition=1&amp;offset=42");
        assertThat(page(operator, "/reconciliation")).contains("users-postgres: 1 / 0 / 0 / 2",
                "Runs itself every 6 h, next due by 2026-12-01T16:00:00Z");

        List<AuditEntry> entries = audit.latest(20, 0).stream()
                .filter(e -> e.action().equals("reconcile") && ("run " + id).equals(e.subject())).toList();
        assertThat(entries).extracting(AuditEntry::username).containsOnly("otto");
        assertThat(entries).extracting(AuditEntry::outcome).containsExactly("differences found", "started");
    }

    @Test
    void aServiceThatDoesNotAnswerEndsTheRunAsFailed() throws InterruptedException {
        Response started = Session.operator().post("/reconciliation/orders-sink", true);
        assertThat(started.statusCode()).isEqualTo(303);
        String location = started.getHeader("Location");
        ReconciliationRun run = await(Long.parseLong(location.substring(location.lastIndexOf('/') + 1)),
                r -> !r.running());
        assertThat(run.outcome()).isEqualTo("failed");
        assertThat(run.error()).contains("orders-sink does not answer");
        assertThat(run.report()).isNull();
    }

    @Test
    void aListedKeyShowsItsSourceRecordAndWhatEachTargetHoldsExactlyAndMaskedForViewers() {
        // as the report's link has it, encoded once
        String lookup = "/lookup?service=users-sink&target=users-postgres&key=%7B%22id%22%3A41%7D"
                + "&topic=shop.public.users&partition=1&offset=42";
        String shown = page(Session.operator(), lookup);
        assertThat(shown).contains("<code>{&quot;id&quot;:41}</code>");
        assertThat(shown).contains("shop.public.users partition 1 offset 42", "accepted", "UPDATE of public.users at position 77")
                // pretty-printed, decimals as the source wrote them
                .contains("&quot;balance&quot; : " + StubService.BALANCE, "&quot;score&quot; : 1.10", StubService.EMAIL)
                .contains("a row at position 70", "older than the source", "old-" + StubService.EMAIL)
                .contains("user:{41}", "holds nothing under this key");

        String masked = page(Session.viewer(), lookup);
        assertThat(masked).contains("accepted", "a row at position 70", "masked for your role")
                .doesNotContain(StubService.EMAIL, StubService.BALANCE);

        Response incomplete = given().cookie("console-session", Session.operator().cookie())
                .get("/lookup?service=users-sink&topic=shop.public.users&partition=&offset=42");
        assertThat(incomplete.statusCode()).isEqualTo(400);
        assertThat(incomplete.asString()).contains("either a target and a key or a source record");
        given().redirects().follow(false).get(lookup).then().statusCode(302);
    }

    private static String page(Session session, String path) {
        Response page = given().urlEncodingEnabled(false).cookie("console-session", session.cookie()).get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return page.asString();
    }

    private ReconciliationRun await(long id, Predicate<ReconciliationRun> done) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        ReconciliationRun run = runs.find(id).orElseThrow();
        while (!done.test(run) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            run = runs.find(id).orElseThrow();
        }
        return run;
    }
}
