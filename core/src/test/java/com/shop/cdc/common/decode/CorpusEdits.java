package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/** Real corpus records with one deliberate change, for cases the capture did not produce. */
final class CorpusEdits {

    private CorpusEdits() {
    }

    /** The record's value rewritten by {@code edit}, which receives the whole {schema, payload} tree. */
    static RawRecord editValue(RawRecord record, Consumer<ObjectNode> edit) {
        try {
            ObjectNode value = (ObjectNode) Corpus.JSON.readTree(record.value());
            edit.accept(value);
            return new RawRecord(record.origin(), record.key(), Corpus.JSON.writeValueAsBytes(value), record.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The field schema named {@code field} of the value's {@code image} ("before" or "after") struct. */
    static ObjectNode fieldSchema(ObjectNode value, String image, String field) {
        for (JsonNode imageSchema : value.path("schema").path("fields")) {
            if (imageSchema.path("field").asText().equals(image)) {
                for (JsonNode fieldSchema : imageSchema.path("fields")) {
                    if (fieldSchema.path("field").asText().equals(field)) {
                        return (ObjectNode) fieldSchema;
                    }
                }
            }
        }
        throw new IllegalArgumentException("no field " + image + "." + field);
    }

    /** Sets the same change on the field's schema in both images, as a table's schema is one for both. */
    static void bothImages(ObjectNode value, String field, Consumer<ObjectNode> change) {
        change.accept(fieldSchema(value, "before", field));
        change.accept(fieldSchema(value, "after", field));
    }
}
