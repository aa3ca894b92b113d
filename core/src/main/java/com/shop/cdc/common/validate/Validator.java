package com.shop.cdc.common.validate;

import com.shop.cdc.common.event.ChangeEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules of a topic. Only the state a change writes is judged: deletes, truncates and
 * tombstones carry no new state and pass.
 */
public record Validator(List<Rule> rules) {

    public static final Validator NONE = new Validator(List.of());

    public Validator {
        rules = List.copyOf(rules);
    }

    public List<Violation> validate(ChangeEvent event) {
        if (rules.isEmpty() || !event.operation().isUpsert()) {
            return List.of();
        }
        List<Violation> violations = new ArrayList<>();
        for (Rule rule : rules) {
            rule.check(event.after(), violations);
        }
        return violations;
    }
}
