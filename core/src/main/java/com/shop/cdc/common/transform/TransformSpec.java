package com.shop.cdc.common.transform;

import java.util.Optional;

/**
 * Reads one configured transform, written {@code name:argument}:
 * {@code rename:full_name=name}, {@code drop:phone}, {@code email:email}, {@code phone:phone},
 * {@code iso-time:created_at}, {@code hash:email}, {@code flatten:shipping_address}.
 */
public final class TransformSpec {

    private TransformSpec() {
    }

    /**
     * @param salt the secret for {@code hash}; a hash without it is a configuration error
     * @throws IllegalArgumentException naming what is wrong with the spec
     */
    public static RowTransform parse(String spec, Optional<String> salt, String phoneRegion) {
        int colon = spec.indexOf(':');
        if (colon <= 0 || colon == spec.length() - 1) {
            throw new IllegalArgumentException("transform '" + spec + "' should be written name:field");
        }
        String name = spec.substring(0, colon).trim();
        String argument = spec.substring(colon + 1).trim();
        return switch (name) {
            case "rename" -> {
                String[] fromTo = argument.split("=", 2);
                if (fromTo.length != 2 || fromTo[0].isBlank() || fromTo[1].isBlank()) {
                    throw new IllegalArgumentException("rename '" + argument + "' should be written rename:from=to");
                }
                yield FieldTransforms.rename(fromTo[0].trim(), fromTo[1].trim());
            }
            case "drop" -> FieldTransforms.drop(argument);
            case "email" -> FieldTransforms.normaliseEmail(argument);
            case "phone" -> FieldTransforms.phoneToE164(argument, phoneRegion);
            case "iso-time" -> FieldTransforms.isoTime(argument);
            case "hash" -> FieldTransforms.hash(argument, salt.filter(s -> !s.isBlank()).orElseThrow(() ->
                    new IllegalArgumentException("hash:" + argument + " needs a salt: set cdc.pipeline.hash-salt (from a secret)")));
            case "flatten" -> FieldTransforms.flatten(argument);
            default -> throw new IllegalArgumentException("unknown transform '" + name
                    + "' (rename, drop, email, phone, iso-time, hash, flatten)");
        };
    }
}
