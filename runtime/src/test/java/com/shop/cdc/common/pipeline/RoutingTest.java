package com.shop.cdc.common.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.target.ChangeWriter;
import com.shop.cdc.common.target.TableRoutes;
import com.shop.cdc.common.target.WriteOutcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A change whose table no target keeps is a route dead letter; configured names may leave the database out. */
class RoutingTest {

    private static final KafkaCoordinates ORIGIN = new KafkaCoordinates("shop.public.users", 0, 7, 0);

    @Test
    void aConfiguredNameMatchesTheLastPartsOfTheQualifiedName() {
        SourceTable users = new SourceTable("shop_users", "public", "users");
        assertThat(users.matches("users")).isTrue();
        assertThat(users.matches("public.users")).isTrue();
        assertThat(users.matches("shop_users.public.users")).isTrue();
        assertThat(users.matches("shop.public.users")).isFalse();
        assertThat(users.matches("private.users")).isFalse();
        assertThat(users.matches("x.shop_users.public.users")).isFalse();
        SourceTable orders = new SourceTable("shop_orders", null, "orders");
        assertThat(orders.matches("shop_orders.orders")).isTrue();
        assertThat(orders.matches("orders")).isTrue();
        assertThat(orders.matches("order")).isFalse();
    }

    @Test
    void theMostSpecificConfiguredNameWins() {
        TableRoutes<String> routes = new TableRoutes<>(Map.of("users", "any", "public.users", "public"), "p");
        assertThat(routes.find(new SourceTable("db", "public", "users"))).contains("public");
        assertThat(routes.find(new SourceTable("db", "audit", "users"))).contains("any");
        assertThat(routes.find(new SourceTable("db", "public", "orders"))).isEmpty();
    }

    @Test
    void aTableNoTargetKeepsIsRejectedAtStageRouteNamingTheTableAndTheProperty() {
        Routing routing = new Routing(List.of(writer("redis", "shop.public.users", "cdc.redis.tables.\"<source>\".key")),
                "users-sink");
        assertThat(routing.unrouted(change(new SourceTable("shop_users", "public", "users")))).hasValueSatisfying(reason ->
                assertThat(reason).contains("shop_users.public.users", "cdc.redis.tables.\"<source>\".key",
                "shop.public.users", "'public.users'", "replay"));
    }

    @Test
    void aTableSomeTargetKeepsGoesThrough() {
        Routing routing = new Routing(List.of(writer("redis", "public.users", "p"), writer("warehouse", "orders", "q")),
                "users-sink");
        assertThat(routing.unrouted(change(new SourceTable("shop_users", "public", "users")))).isEmpty();
    }

    @Test
    void aConfiguredTableNoConsumedTopicCarriesFailsStartUpNamingTheProperty() {
        Routing routing = new Routing(List.of(writer("redis", "public.customers", "cdc.redis.tables.\"<source>\".key")),
                "users-sink");
        assertThatThrownBy(() -> routing.requireConsumable(List.of("shop.public.users")))
                .hasMessageContaining("cdc.redis.tables.\"<source>\".key").hasMessageContaining("public.customers");
        new Routing(List.of(writer("redis", "public.users", "p")), "users-sink").requireConsumable(List.of("shop.public.users"));
    }

    private static ChangeEvent change(SourceTable table) {
        return new ChangeEvent(table, Map.of("id", 1L), Operation.CREATE, null, Map.of("id", 1L),
                new SourcePosition(1, "1"), null, null, false, ORIGIN, Map.of());
    }

    private static ChangeWriter writer(String target, String source, String property) {
        TableRoutes<String> routes = new TableRoutes<>(Map.of(source, source), property);
        return new ChangeWriter() {
            @Override
            public String target() {
                return target;
            }

            @Override
            public TableRoutes<?> routes() {
                return routes;
            }

            @Override
            public List<WriteOutcome> write(List<ChangeEvent> changes) {
                throw new UnsupportedOperationException("routing only");
            }

            @Override
            public void probe() {
            }
        };
    }
}
