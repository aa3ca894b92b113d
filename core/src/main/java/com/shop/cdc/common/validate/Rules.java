package com.shop.cdc.common.validate;

import com.shop.cdc.common.event.Unavailable;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Currency;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** The validation rules a topic can configure; a null or unavailable value is judged only by {@code required}. */
public final class Rules {

    private static final Pattern EMAIL = Pattern.compile("^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$");

    private Rules() {
    }

    public static Rule required(String field) {
        return (row, violations) -> {
            if (row.get(field) == null) {
                violations.add(new Violation(field, "required", field + " is required"));
            }
        };
    }

    /** The logical type the field must have: string, integer, decimal, boolean, instant, date. */
    public static Rule type(String field, String type) {
        Class<?> expected = switch (type) {
            case "string" -> String.class;
            case "integer" -> Long.class;
            case "decimal" -> BigDecimal.class;
            case "boolean" -> Boolean.class;
            case "instant" -> Instant.class;
            case "date" -> LocalDate.class;
            default -> throw new IllegalArgumentException("unknown type '" + type
                    + "' (string, integer, decimal, boolean, instant, date)");
        };
        return present(field, (value, violations) -> {
            if (!expected.isInstance(value)) {
                violations.add(new Violation(field, "type", field + " should be " + type + ", found "
                        + value.getClass().getSimpleName()));
            }
        });
    }

    /** Greater than or equal to the bound (total ≥ 0). */
    public static Rule min(String field, BigDecimal bound) {
        return number(field, "min", bound, value -> value.compareTo(bound) >= 0, "at least ");
    }

    /** Strictly greater than zero (quantity > 0). */
    public static Rule positive(String field) {
        return number(field, "positive", BigDecimal.ZERO, value -> value.signum() > 0, "greater than ");
    }

    public static Rule oneOf(String field, Set<String> allowed) {
        return present(field, (value, violations) -> {
            if (!allowed.contains(value.toString())) {
                violations.add(new Violation(field, "enum", field + " '" + value + "' is not one of " + allowed));
            }
        });
    }

    /** An ISO-4217 currency code. */
    public static Rule currency(String field) {
        return present(field, (value, violations) -> {
            String code = value.toString();
            boolean valid = code.length() == 3 && code.equals(code.toUpperCase(java.util.Locale.ROOT));
            if (valid) {
                try {
                    Currency.getInstance(code);
                } catch (IllegalArgumentException e) {
                    valid = false;
                }
            }
            if (!valid) {
                violations.add(new Violation(field, "currency", field + " '" + code + "' is not an ISO-4217 code"));
            }
        });
    }

    public static Rule email(String field) {
        return present(field, (value, violations) -> {
            if (!EMAIL.matcher(value.toString()).matches()) {
                violations.add(new Violation(field, "email", field + " is not an email address"));
            }
        });
    }

    /** A comparison of two fields of one record, e.g. {@code updated_at >= created_at}; skipped when either is absent. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static Rule compare(String left, String operator, String right) {
        if (!Set.of(">=", ">", "<=", "<", "=", "!=").contains(operator)) {
            throw new IllegalArgumentException("unknown comparison '" + operator + "' (>=, >, <=, <, =, !=)");
        }
        String name = left + operator + right;
        return (row, violations) -> {
            Object a = row.get(left);
            Object b = row.get(right);
            if (!(a instanceof Comparable) || !(b instanceof Comparable) || a.getClass() != b.getClass()) {
                return;
            }
            int order = ((Comparable) a).compareTo(b);
            boolean holds = switch (operator) {
                case ">=" -> order >= 0;
                case ">" -> order > 0;
                case "<=" -> order <= 0;
                case "<" -> order < 0;
                case "=" -> order == 0;
                default -> order != 0;
            };
            if (!holds) {
                violations.add(new Violation(left, "compare", name + " does not hold (" + a + " vs " + b + ")"));
            }
        };
    }

    private interface ValueCheck {
        void check(Object value, List<Violation> violations);
    }

    private static Rule present(String field, ValueCheck check) {
        return (row, violations) -> {
            Object value = row.get(field);
            if (value != null && value != Unavailable.VALUE) {
                check.check(value, violations);
            }
        };
    }

    private static Rule number(String field, String rule, BigDecimal bound, java.util.function.Predicate<BigDecimal> test,
                               String wording) {
        return present(field, (value, violations) -> {
            BigDecimal number = value instanceof BigDecimal decimal ? decimal
                    : value instanceof Number n ? new BigDecimal(n.toString()) : null;
            if (number == null) {
                violations.add(new Violation(field, rule, field + " should be a number"));
            } else if (!test.test(number)) {
                violations.add(new Violation(field, rule, field + " " + number + " should be " + wording + bound));
            }
        });
    }
}
