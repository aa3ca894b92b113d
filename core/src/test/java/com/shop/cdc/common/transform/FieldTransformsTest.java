package com.shop.cdc.common.transform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.shop.cdc.common.event.Infinity;
import com.shop.cdc.common.event.Unavailable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class FieldTransformsTest {

    @Test
    void emailIsTrimmedAndLowerCased() {
        assertThat(apply("email:email", Map.of("email", "  Bob+Test@Example.COM "))).containsEntry("email", "bob+test@example.com");
    }

    @Test
    void phonesBecomeE164WhereTheyParse() {
        assertThat(apply("phone:phone", Map.of("phone", "+33 6 12 34 56 78"))).containsEntry("phone", "+33612345678");
        assertThat(apply("phone:phone", Map.of("phone", "+82 10-1234-5678"))).containsEntry("phone", "+821012345678");
        assertThat(apply("phone:phone", Map.of("phone", "(415) 555-0134"))).containsEntry("phone", "+14155550134");
        assertThat(apply("phone:phone", Map.of("phone", "not a phone"))).containsEntry("phone", "not a phone");
    }

    @Test
    void timesBecomeIsoUtc() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("created_at", Instant.parse("2024-01-15T08:30:00.123456Z"));
        row.put("ends", Infinity.POSITIVE);
        assertThat(chain("iso-time:created_at", "iso-time:ends").apply(row))
                .containsEntry("created_at", "2024-01-15T08:30:00.123456Z").containsEntry("ends", "infinity");
    }

    @Test
    void hashIsSaltedSha256AndStable() {
        Map<String, Object> hashed = apply("hash:email", Map.of("email", "alice@example.com"));
        assertThat(hashed.get("email").toString()).hasSize(64).isNotEqualTo("alice@example.com")
                .isEqualTo(apply("hash:email", Map.of("email", "alice@example.com")).get("email"));
        Map<String, Object> peppered = new LinkedHashMap<>(Map.of("email", "alice@example.com"));
        TransformSpec.parse("hash:email", Optional.of("pepper"), "US").apply(peppered);
        assertThat(peppered.get("email")).isNotEqualTo(hashed.get("email"));
    }

    @Test
    void hashWithoutSaltFailsNamingTheProperty() {
        assertThatThrownBy(() -> TransformSpec.parse("hash:email", Optional.empty(), "US"))
                .hasMessageContaining("cdc.pipeline.hash-salt");
    }

    @Test
    void flattenRenameDrop() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", 1L);
        row.put("shipping_address", Map.of("city", "Paris", "geo", Map.of("lat", 48.8)));
        row.put("full_name", "Alice");
        row.put("phone", "+33");
        Map<String, Object> out = chain("flatten:shipping_address", "rename:full_name=name", "drop:phone").apply(row);
        assertThat(out).containsEntry("shipping_address_city", "Paris").containsEntry("shipping_address_geo_lat", 48.8)
                .containsEntry("name", "Alice").doesNotContainKeys("phone", "full_name", "shipping_address");
        assertThat(row).containsKey("phone"); // the input is never modified
    }

    @Test
    void nullAndUnavailableValuesPassUntouched() {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("email", null);
        row.put("note", Unavailable.VALUE);
        assertThat(chain("email:email", "hash:note").apply(row)).containsEntry("email", null).containsEntry("note", Unavailable.VALUE);
    }

    @Test
    void unknownTransformIsNamed() {
        assertThatThrownBy(() -> TransformSpec.parse("upper:email", Optional.empty(), "US")).hasMessageContaining("unknown transform 'upper'");
        assertThatThrownBy(() -> TransformSpec.parse("rename:x", Optional.empty(), "US")).hasMessageContaining("rename:from=to");
    }

    private static Map<String, Object> apply(String spec, Map<String, Object> row) {
        return chain(spec).apply(row);
    }

    /** The steps as the chain runs them: on one working copy of the row. */
    private static java.util.function.UnaryOperator<Map<String, Object>> chain(String... specs) {
        List<RowTransform> steps = java.util.Arrays.stream(specs).map(s -> TransformSpec.parse(s, Optional.of("salt"), "US")).toList();
        return row -> {
            Map<String, Object> working = new LinkedHashMap<>(row);
            steps.forEach(step -> step.apply(working));
            return working;
        };
    }
}
