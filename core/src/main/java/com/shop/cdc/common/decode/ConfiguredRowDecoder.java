package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Decodes a row without schemas ({@code schemas.enable=false}): the wire no longer says which
 * numbers are days, milliseconds or microseconds, nor a decimal's scale, so those fields take
 * their type from configuration. Other fields are taken as plain JSON values.
 */
final class ConfiguredRowDecoder implements RowDecoder {

    private final Map<String, LogicalType> types;
    private final LogicalValues values;

    ConfiguredRowDecoder(Map<String, LogicalType> types, LogicalValues values) {
        this.types = Map.copyOf(types);
        this.values = values;
    }

    @Override
    public Map<String, Object> decode(JsonNode row) {
        if (row == null || row.isNull()) {
            return null;
        }
        if (!row.isObject()) {
            throw new DecodeException("a row image should be an object, found " + Found.node(row));
        }
        Map<String, Object> decoded = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = row.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            LogicalType type = types.get(field.getKey());
            try {
                decoded.put(field.getKey(), values.convert(field.getValue(), type == null ? LogicalType.NATIVE : type,
                        field.getKey()));
            } catch (DecodeException e) {
                // the declared type is what the value did not fit: its property is where to look
                throw type == null ? e : e.governedBy("fields." + field.getKey());
            }
        }
        return Collections.unmodifiableMap(decoded);
    }
}
