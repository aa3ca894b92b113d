package com.shop.cdc.common.validate;

import java.math.BigDecimal;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads one configured rule, written {@code name:argument}: {@code required:email},
 * {@code type:total=decimal}, {@code min:total=0}, {@code positive:quantity},
 * {@code enum:status=PENDING|PAID|SHIPPED}, {@code currency:currency}, {@code email:email},
 * {@code compare:updated_at>=created_at}.
 */
public final class RuleSpec {

    private static final Pattern COMPARISON = Pattern.compile("([A-Za-z_][\\w.]*)\\s*(>=|<=|!=|>|<|=)\\s*([A-Za-z_][\\w.]*)");

    private RuleSpec() {
    }

    public static Rule parse(String spec) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("rule '" + spec + "' should be written name:field");
        }
        String name = spec.substring(0, colon).trim();
        String argument = spec.substring(colon + 1).trim();
        return switch (name) {
            case "required" -> Rules.required(argument);
            case "type" -> Rules.type(field(argument, spec), parameter(argument, spec));
            case "min" -> Rules.min(field(argument, spec), new BigDecimal(parameter(argument, spec)));
            case "positive" -> Rules.positive(argument);
            case "enum" -> Rules.oneOf(field(argument, spec), // in the order configured, as reasons show them
                    new LinkedHashSet<>(List.of(parameter(argument, spec).split("\\|"))));
            case "currency" -> Rules.currency(argument);
            case "email" -> Rules.email(argument);
            case "compare" -> {
                Matcher comparison = COMPARISON.matcher(argument);
                if (!comparison.matches()) {
                    throw new IllegalArgumentException("compare '" + argument + "' should be written compare:a>=b");
                }
                yield Rules.compare(comparison.group(1), comparison.group(2), comparison.group(3));
            }
            default -> throw new IllegalArgumentException("unknown rule '" + name
                    + "' (required, type, min, positive, enum, currency, email, compare)");
        };
    }

    private static String field(String argument, String spec) {
        int equals = argument.indexOf('=');
        if (equals <= 0 || equals == argument.length() - 1) {
            throw new IllegalArgumentException("rule '" + spec + "' should be written name:field=value");
        }
        return argument.substring(0, equals).trim();
    }

    private static String parameter(String argument, String spec) {
        return argument.substring(argument.indexOf('=') + 1).trim();
    }
}
