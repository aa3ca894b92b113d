package com.shop.cdc.common.decode;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** Turns a row image (a JSON object) into logical values, knowing each field's type. */
interface RowDecoder {

    /** Null when the image is absent (JSON null), otherwise the fields in source order. */
    Map<String, Object> decode(JsonNode row);

    /**
     * The defaults the row's schema declares, as logical values (only fields that declare one);
     * empty without schemas. Decoded once per schema, not per row.
     */
    default Map<String, Object> defaults() {
        return Map.of();
    }

    /** The same from a parser on the image's first token, which it leaves on the image's last. */
    default Map<String, Object> decode(JsonParser parser, ObjectMapper json) throws IOException {
        return parser.currentToken() == JsonToken.VALUE_NULL ? null : decode((JsonNode) json.readTree(parser));
    }
}
