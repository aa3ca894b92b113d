package com.shop.cdc.console.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.console.ConsoleDatabase;
import com.shop.cdc.console.account.Users;
import com.shop.cdc.console.audit.AuditLog;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Viewers never see what a record held; operators do, and their replays name them to the service. */
@QuarkusTest
@QuarkusTestResource(ConsoleDatabase.class)
@QuarkusTestResource(value = StubService.class, restrictToAnnotatedClass = true)
class DeadLetterMaskingIT {

    @Inject
    Users users;

    @Inject
    AuditLog audit;

    @BeforeEach
    void accounts() {
        Session.createAccounts(users);
    }

    @Test
    void aViewerSeesMetadataButNoContents() {
        Session viewer = Session.viewer();
        for (String path : new String[] {"/dead-letters?service=users-sink", "/dead-letters/users-sink/7",
            "/dead-letters/export?service=users-sink"}) {
            Response page = given().cookie("console-session", viewer.cookie()).get(path);
            assertThat(page.statusCode()).as(path).isEqualTo(200);
            assertThat(page.asString()).as(path).contains("shop.public.users").doesNotContain(StubService.EMAIL);
        }
    }

    @Test
    void anOperatorSeesContentsAndReplaysInTheirName() {
        Session operator = Session.operator();
        String detail = given().cookie("console-session", operator.cookie()).get("/dead-letters/users-sink/7").asString();
        assertThat(detail).contains(StubService.EMAIL, "InvalidRecord", "crm-" + StubService.EMAIL);
        Response replay = operator.post("/dead-letters/users-sink/7/replay", true);
        assertThat(replay.statusCode()).isEqualTo(200);
        assertThat(replay.asString()).contains("REPLAYED");
        assertThat(StubService.REPLAYS).last().satisfies(call -> {
            assertThat(call.get("actingFor")).isEqualTo("otto");
            assertThat(call.get("authorization")).isEqualTo("Basic "
                    + Base64.getEncoder().encodeToString("console:console-secret".getBytes(StandardCharsets.UTF_8)));
        });
        assertThat(audit.latest(1, 0)).singleElement().satisfies(entry -> {
            assertThat(entry.action()).isEqualTo("replay");
            assertThat(entry.username()).isEqualTo("otto");
            assertThat(entry.subject()).isEqualTo("dead letter 7");
            assertThat(entry.outcome()).isEqualTo("REPLAYED");
        });
    }
}
