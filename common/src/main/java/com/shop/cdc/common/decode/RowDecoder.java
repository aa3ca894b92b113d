package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/** Turns a row image (a JSON object) into logical values, knowing each field's type. */
interface RowDecoder {

    /** Null when the image is absent (JSON null), otherwise the fields in source order. */
    Map<String, Object> decode(JsonNode row);
}
