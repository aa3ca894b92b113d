package com.shop.cdc.common.validate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.KafkaCoordinates;
import com.shop.cdc.common.event.Operation;
import com.shop.cdc.common.event.SourcePosition;
import com.shop.cdc.common.event.SourceTable;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ValidatorTest {

    private static final Validator ORDERS = new Validator(List.of(
            RuleSpec.parse("required:user_id"), RuleSpec.parse("type:total=decimal"), RuleSpec.parse("min:total=0"),
            RuleSpec.parse("enum:status=PENDING|PAID|SHIPPED|DELIVERED|CANCELLED"), RuleSpec.parse("currency:currency"),
            RuleSpec.parse("compare:updated_at>=created_at")));

    @Test
    void aValidOrderPasses() {
        assertThat(ORDERS.validate(order(Map.of("user_id", 1L, "total", new BigDecimal("149.90"), "status", "PAID",
                "currency", "EUR", "created_at", Instant.parse("2024-01-15T09:31:00Z"),
                "updated_at", Instant.parse("2024-01-15T09:31:05Z"))))).isEmpty();
    }

    @Test
    void everyViolationIsReportedNotJustTheFirst() {
        List<Violation> violations = ORDERS.validate(order(Map.of("total", new BigDecimal("-1.00"), "status", "LOST",
                "currency", "XYZ", "created_at", Instant.parse("2024-01-15T09:31:00Z"),
                "updated_at", Instant.parse("2024-01-14T00:00:00Z"))));
        assertThat(violations).extracting(Violation::rule).containsExactly("required", "min", "enum", "currency", "compare");
        assertThat(violations).extracting(Violation::field).containsExactly("user_id", "total", "status", "currency", "updated_at");
    }

    @Test
    void typesEmailsAndPositiveQuantities() {
        Validator rules = new Validator(List.of(RuleSpec.parse("type:quantity=integer"), RuleSpec.parse("positive:quantity"),
                RuleSpec.parse("email:email")));
        assertThat(rules.validate(order(Map.of("quantity", 0L, "email", "nobody")))).extracting(Violation::rule)
                .containsExactly("positive", "email");
        assertThat(rules.validate(order(Map.of("quantity", "2", "email", "a@b.io")))).extracting(Violation::rule)
                .containsExactly("type", "positive");
    }

    @Test
    void deletesAreNotJudgedByAfterImageRules() {
        ChangeEvent delete = new ChangeEvent(new SourceTable("shop_orders", null, "orders"), Map.of("id", 1L), Operation.DELETE,
                Map.of("id", 1L), null, SourcePosition.binlog(1, 4, 0, false), Instant.EPOCH, null, false,
                new KafkaCoordinates("t", 0, 0, 0), Map.of());
        assertThat(ORDERS.validate(delete)).isEmpty();
    }

    @Test
    void badRulesAreNamed() {
        assertThatThrownBy(() -> RuleSpec.parse("between:total=1")).hasMessageContaining("unknown rule 'between'");
        assertThatThrownBy(() -> RuleSpec.parse("compare:total~0")).hasMessageContaining("compare:a>=b");
        assertThatThrownBy(() -> RuleSpec.parse("type:total=money")).hasMessageContaining("unknown type 'money'");
    }

    private static ChangeEvent order(Map<String, Object> after) {
        return new ChangeEvent(new SourceTable("shop_orders", null, "orders"), Map.of("id", 1L), Operation.CREATE, null,
                new HashMap<>(after), SourcePosition.binlog(1, 4, 0, false), Instant.EPOCH, null, false,
                new KafkaCoordinates("shop.shop_orders.orders", 0, 0, 0), Map.of());
    }
}
