package com.shop.cdc.common.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.common.decode.Corpus;
import com.shop.cdc.common.decode.Decoded;
import com.shop.cdc.common.decode.RawRecord;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.failure.Stage;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The pipeline as the services configure it, on the captured events. */
class ChangePipelineTest {

    private static final Map<String, String> CONFIG = Map.of(
            "cdc.pipeline.hash-salt", "test-salt",
            "cdc.pipeline.topics.\"shop.public.users\".transforms", "email:email,phone:phone",
            "cdc.pipeline.topics.\"shop.public.users\".rules", "required:email,email:email,currency:missing_is_fine",
            "cdc.pipeline.topics.\"shop.shop_orders.orders\".rules",
            "required:user_id,min:total=0,enum:status=PENDING|PAID|SHIPPED|DELIVERED|CANCELLED,currency:currency",
            "cdc.pipeline.topics.\"shop.shop_orders.order_items\".rules", "positive:quantity,min:unit_price=0",
            "cdc.pipeline.topics.shop.format", "schema-change");

    @Test
    void theCorpusValuesThatBreakRulesAreRejectedAndEverythingElseAccepted() {
        ChangePipeline pipeline = PipelineFactory.build(config(CONFIG), Corpus.JSON);
        Map<String, Integer> outcomes = new HashMap<>();
        List<Outcome.Rejected> rejected = new java.util.ArrayList<>();
        for (String file : List.of("pg-default/pg.schemas-true.jsonl", "mariadb-default/mariadb.schemas-true.jsonl")) {
            for (RawRecord record : Corpus.load(file)) {
                Outcome outcome = pipeline.process(record);
                outcomes.merge(outcome.getClass().getSimpleName(), 1, Integer::sum);
                if (outcome instanceof Outcome.Rejected r) {
                    rejected.add(r);
                }
            }
        }
        // The captured workload writes a negative total (-15.50) and, twice, a line quantity of 0;
        // deletes, whose before-images hold placeholders under REPLICA IDENTITY DEFAULT, are not judged.
        assertThat(rejected).extracting(r -> r.origin().topic() + " " + r.field() + " " + r.violations().get(0).rule())
                .containsExactlyInAnyOrder("shop.shop_orders.order_items quantity positive",
                        "shop.shop_orders.orders total min", "shop.shop_orders.order_items quantity positive");
        assertThat(rejected).allSatisfy(r -> assertThat(r.stage()).isEqualTo(Stage.VALIDATE));
        assertThat(outcomes).containsEntry("Accepted", 60).containsEntry("Skipped", 19); // 10 tombstones, 9 DDL
    }

    @Test
    void transformsApplyToTheAcceptedChange() {
        ChangePipeline pipeline = PipelineFactory.build(config(CONFIG), Corpus.JSON);
        RawRecord alice = Corpus.load("pg-default/pg.schemas-true.jsonl").get(0);
        Outcome.Accepted accepted = (Outcome.Accepted) pipeline.process(alice);
        assertThat(accepted.event().after()).containsEntry("phone", "+33612345678").containsEntry("email", "alice@example.com");
    }

    @Test
    void aTableNoTargetKeepsIsReportedAsUnroutedBeforeTheTopicsRulesJudgeIt() {
        ChangePipeline pipeline = PipelineFactory.build(config(CONFIG), Corpus.JSON);
        RawRecord alice = Corpus.load("pg-default/pg.schemas-true.jsonl").get(0);
        RawRecord onOrdersTopic = new RawRecord(new KafkaCoordinates("shop.shop_orders.orders", 0, 1, 0), alice.key(),
                alice.value(), alice.headers());
        ChangePipeline.RouteCheck onlyOrders = change -> change.table().table().equals("orders")
                ? Optional.empty() : Optional.of("no target keeps " + change.table().table());

        Outcome.Rejected rejected = (Outcome.Rejected) pipeline.process(onOrdersTopic, onlyOrders);

        // the orders rules (required:user_id) would break too: the route is the reason that helps
        assertThat(rejected.stage()).isEqualTo(Stage.ROUTE);
        assertThat(rejected.reason()).isEqualTo("no target keeps users");
    }

    @Test
    void anUnconfiguredTopicIsRejectedNotDropped() {
        ChangePipeline pipeline = PipelineFactory.build(config(CONFIG), Corpus.JSON);
        RawRecord txBegin = Corpus.load("pg-txmeta/pg.schemas-true.jsonl").stream()
                .filter(r -> r.origin().topic().equals("shop.transaction")).findFirst().orElseThrow();
        Outcome.Rejected rejected = (Outcome.Rejected) pipeline.process(txBegin);
        assertThat(rejected.reason()).contains("shop.transaction").contains("cdc.pipeline.topics");
    }

    @Test
    void badConfigurationFailsAtStartNamingTheProperty() {
        Map<String, String> bad = new HashMap<>(CONFIG);
        bad.put("cdc.pipeline.topics.\"shop.public.users\".schemas", "false");
        bad.put("cdc.pipeline.topics.\"shop.public.users\".fields.balance", "decimal");
        assertThatThrownBy(() -> PipelineFactory.build(config(bad), Corpus.JSON))
                .hasMessageContaining("cdc.pipeline.topics.\"shop.public.users\".fields.balance=decimal")
                .hasMessageContaining("needs its scale");
        Map<String, String> noSalt = new HashMap<>(CONFIG);
        noSalt.remove("cdc.pipeline.hash-salt");
        noSalt.put("cdc.pipeline.topics.\"shop.public.users\".transforms", "hash:email");
        assertThatThrownBy(() -> PipelineFactory.build(config(noSalt), Corpus.JSON)).hasMessageContaining("cdc.pipeline.hash-salt");
    }

    @Test
    void aConsumedTopicWithoutSettingsFailsAtStartNamingTheProperties() {
        PipelineConfig config = config(CONFIG);
        assertThatThrownBy(() -> PipelineFactory.requireConfigured(List.of("shop.public.users", "shop.public.user"), config))
                .hasMessageContaining(PipelineConfig.CONSUMED_TOPICS + " names topic shop.public.user")
                .hasMessageContaining("cdc.pipeline.topics.\"shop.public.user\".format")
                .hasMessageContaining("shop.public.users");
        PipelineFactory.requireConfigured(List.of("shop.public.users", "shop.shop_orders.orders"), config);
    }

    @Test
    void schemalessTopicsDecodeWithConfiguredTypes() {
        Map<String, String> schemaless = new HashMap<>(CONFIG);
        schemaless.put("cdc.pipeline.topics.\"shop.public.users\".schemas", "false");
        schemaless.put("cdc.pipeline.topics.\"shop.public.users\".fields.balance", "decimal(2)");
        ChangePipeline pipeline = PipelineFactory.build(config(schemaless), Corpus.JSON);
        Outcome.Accepted alice = (Outcome.Accepted) pipeline.process(Corpus.load("pg-default/pg.schemas-false.jsonl").get(0));
        assertThat(alice.event().after()).containsEntry("balance", new java.math.BigDecimal("1520.50"));
        assertThat(pipeline.process(Corpus.load("pg-default/pg.schemas-false.jsonl").get(11)))
                .isInstanceOf(Outcome.Skipped.class).extracting(o -> ((Outcome.Skipped) o).record())
                .isInstanceOf(Decoded.Tombstone.class);
    }

    static PipelineConfig config(Map<String, String> properties) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withSources(new PropertiesConfigSource(properties, "test", 100))
                .withMapping(PipelineConfig.class)
                .build();
        return config.getConfigMapping(PipelineConfig.class);
    }
}
