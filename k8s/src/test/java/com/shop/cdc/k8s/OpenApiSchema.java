package com.shop.cdc.k8s;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Validates a value against a CRD's structural OpenAPI v3 schema as the API server does, with every
 * object closed: a field the schema does not declare is an error unless the object has
 * {@code additionalProperties} or {@code x-kubernetes-preserve-unknown-fields: true}. Checked: type,
 * required, enum, pattern, minimum, maximum, minLength, minItems, oneOf and anyOf. Not checked: CEL
 * rules ({@code x-kubernetes-validations}) and formats.
 */
final class OpenApiSchema {

    private OpenApiSchema() {
    }

    static void validate(Object value, Map<String, Object> schema, String path, List<String> problems) {
        validate(value, schema, path, problems, true);
    }

    /**
     * {@code closed} is false inside oneOf/anyOf branches: there a schema only tests the value (which
     * fields are present), while the structural schema around it decides which fields exist.
     */
    private static void validate(Object value, Map<String, Object> schema, String path, List<String> problems,
            boolean closed) {
        if (!hasType(value, schema)) {
            problems.add(path + ": " + describe(value) + " where the schema wants " + expectedType(schema));
            return;
        }
        if (schema.get("enum") instanceof List<?> allowed && !allowed.contains(value)) {
            problems.add(path + ": " + value + " is not one of " + allowed);
        }
        checkBounds(value, schema, path, problems);
        if (value instanceof Map<?, ?> object) {
            checkObject(object, schema, path, problems, closed);
        } else if (value instanceof List<?> list && schema.get("items") instanceof Map<?, ?> items) {
            for (int i = 0; i < list.size(); i++) {
                validate(list.get(i), Manifests.map(items), path + "[" + i + "]", problems, closed);
            }
        }
        checkAlternatives(value, schema, path, problems);
    }

    private static void checkObject(Map<?, ?> object, Map<String, Object> schema, String path, List<String> problems,
            boolean closed) {
        for (String required : Manifests.strings(schema.get("required"))) {
            if (!object.containsKey(required)) {
                problems.add(path + ": required field " + required + " is missing");
            }
        }
        Map<String, Object> properties = Manifests.map(schema.get("properties"));
        Object additional = schema.get("additionalProperties");
        boolean open = Boolean.TRUE.equals(schema.get("x-kubernetes-preserve-unknown-fields"))
                || Boolean.TRUE.equals(additional) || !closed;
        object.forEach((key, child) -> {
            String childPath = path + "." + key;
            if (properties.containsKey(key)) {
                validate(child, Manifests.map(properties.get(key)), childPath, problems, closed);
            } else if (additional instanceof Map<?, ?> valueSchema) {
                validate(child, Manifests.map(valueSchema), childPath, problems, closed);
            } else if (!open) {
                problems.add(childPath + ": unknown field");
            }
        });
    }

    private static void checkBounds(Object value, Map<String, Object> schema, String path, List<String> problems) {
        if (value instanceof String text) {
            if (schema.get("pattern") instanceof String pattern && !Pattern.compile(pattern).matcher(text).find()) {
                problems.add(path + ": \"" + text + "\" does not match " + pattern);
            }
            if (schema.get("minLength") instanceof Number min && text.length() < min.intValue()) {
                problems.add(path + ": shorter than " + min);
            }
        } else if (value instanceof Number number) {
            if (schema.get("minimum") instanceof Number min && number.doubleValue() < min.doubleValue()) {
                problems.add(path + ": " + number + " is below the minimum " + min);
            }
            if (schema.get("maximum") instanceof Number max && number.doubleValue() > max.doubleValue()) {
                problems.add(path + ": " + number + " is above the maximum " + max);
            }
        } else if (value instanceof List<?> list && schema.get("minItems") instanceof Number min
                && list.size() < min.intValue()) {
            problems.add(path + ": fewer than " + min + " items");
        }
    }

    private static void checkAlternatives(Object value, Map<String, Object> schema, String path, List<String> problems) {
        List<Map<String, Object>> oneOf = Manifests.maps(schema.get("oneOf"));
        if (!oneOf.isEmpty() && oneOf.stream().filter(branch -> matches(value, branch)).count() != 1) {
            problems.add(path + ": matches not exactly one of " + oneOf.size() + " alternatives (oneOf)");
        }
        List<Map<String, Object>> anyOf = Manifests.maps(schema.get("anyOf"));
        if (!anyOf.isEmpty() && anyOf.stream().noneMatch(branch -> matches(value, branch))) {
            problems.add(path + ": matches none of the alternatives (anyOf)");
        }
    }

    private static boolean matches(Object value, Map<String, Object> branch) {
        List<String> branchProblems = new ArrayList<>();
        validate(value, branch, "", branchProblems, false);
        return branchProblems.isEmpty();
    }

    private static boolean hasType(Object value, Map<String, Object> schema) {
        if (Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string"))) {
            return isInteger(value) || value instanceof String;
        }
        Object type = schema.get("type");
        if (type == null) {
            return true;
        }
        return switch ((String) type) {
            case "object" -> value instanceof Map;
            case "array" -> value instanceof List;
            case "string" -> value instanceof String;
            case "integer" -> isInteger(value);
            case "number" -> value instanceof Number;
            case "boolean" -> value instanceof Boolean;
            default -> throw new IllegalArgumentException("schema type " + type);
        };
    }

    private static boolean isInteger(Object value) {
        return value instanceof Integer || value instanceof Long || value instanceof BigInteger;
    }

    private static String expectedType(Map<String, Object> schema) {
        return Boolean.TRUE.equals(schema.get("x-kubernetes-int-or-string")) ? "integer or string"
                : String.valueOf(schema.get("type"));
    }

    private static String describe(Object value) {
        return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
    }
}
