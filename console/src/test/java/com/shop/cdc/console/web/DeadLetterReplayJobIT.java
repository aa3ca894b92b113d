package com.shop.cdc.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.console.ConsoleDatabase;
import com.shop.cdc.console.account.Users;
import com.shop.cdc.console.audit.AuditEntry;
import com.shop.cdc.console.audit.AuditLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A selection and a filtered set of dead letters are replayed in the background, with their progress and audit. */
@QuarkusTest
@QuarkusTestResource(ConsoleDatabase.class)
@QuarkusTestResource(value = StubService.class, restrictToAnnotatedClass = true)
class DeadLetterReplayJobIT {

    @Inject
    Users users;

    @Inject
    AuditLog audit;

    @BeforeEach
    void accounts() {
        Session.createAccounts(users);
    }

    @Test
    void theSelectedOnesAreReplayedAndTheFailuresListed() throws InterruptedException {
        Session operator = Session.operator();
        assertThat(page(operator, "/dead-letters?service=users-sink"))
                .contains("value=\"users-sink/7\" form=\"replay-selected\"", "Replay selected", "Replay all matching");
        Response started = operator.post("/dead-letters/replay-selected", "letter", "users-sink/7", "users-sink/8",
                "orders-sink/3");
        assertThat(started.statusCode()).isEqualTo(303);
        String job = await(operator, started.getHeader("Location"));
        assertThat(job).contains("3/3 done, 2 failed", "users-sink #8 FAILED at stage validate",
                "orders-sink #3: orders-sink does not answer");
        assertThat(StubService.REPLAYS).last().satisfies(call -> assertThat(call.get("actingFor")).isEqualTo("otto"));
        assertThat(audit.latest(1, 0)).singleElement().satisfies(entry -> {
            assertThat(entry.username()).isEqualTo("otto");
            assertThat(entry.action()).isEqualTo("replay selected");
            assertThat(entry.subject()).endsWith("the 3 selected");
            assertThat(entry.outcome()).isEqualTo("3/3 done, 2 failed");
        });
    }

    @Test
    void theNewOnesMatchingTheFilterAreReplayed() throws InterruptedException {
        Session operator = Session.operator();
        Response started = operator.post("/dead-letters/replay?service=users-sink&topic=shop.public.users", true);
        assertThat(started.statusCode()).isEqualTo(303);
        assertThat(await(operator, started.getHeader("Location"))).contains("1/1 done, 0 failed");
        assertThat(StubService.LISTINGS).last().asString().contains("topic=shop.public.users", "status=NEW");
        AuditEntry entry = audit.latest(1, 0).get(0);
        assertThat(entry.username()).isEqualTo("otto");
        assertThat(entry.action()).isEqualTo("replay matching");
        assertThat(entry.subject()).contains("users-sink", "topic=shop.public.users");
        assertThat(entry.outcome()).isEqualTo("1/1 done, 0 failed");
    }

    @Test
    void aViewerHasNoCheckboxesAndMayNotReplay() {
        Session viewer = Session.viewer();
        assertThat(page(viewer, "/dead-letters?service=users-sink")).contains("shop.public.users")
                .doesNotContain("type=\"checkbox\"", "Replay selected");
        assertThat(viewer.post("/dead-letters/replay-selected", "letter", "users-sink/7").statusCode()).isEqualTo(403);
        assertThat(viewer.post("/dead-letters/replay?service=users-sink", true).statusCode()).isEqualTo(403);
    }

    private static String page(Session session, String path) {
        Response page = given().cookie("console-session", session.cookie()).get(path);
        assertThat(page.statusCode()).as(path).isEqualTo(200);
        return page.asString();
    }

    /** The job's page once it has finished (no longer refreshing itself), 30 s at most. */
    private static String await(Session session, String location) throws InterruptedException {
        assertThat(location).matches(".*/dead-letters/replays/\\d+");
        String path = location.substring(location.indexOf("/dead-letters/"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String job = page(session, path);
        while (job.contains("http-equiv=\"refresh\"") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            job = page(session, path);
        }
        assertThat(job).doesNotContain("http-equiv=\"refresh\"").contains("finished after");
        return job;
    }
}
