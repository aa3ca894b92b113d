package com.shop.cdc.workload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;

/** The Connect schemas JsonConverter writes for the MongoDB connector's key and envelope (Debezium 3.5). */
final class MongoEnvelopeSchema {

    private static final String KEY = """
            {"type":"struct","optional":false,"name":"%s.Key","fields":[
              {"type":"string","optional":false,"field":"id"}]}""";

    private static final String VALUE = """
            {"type":"struct","optional":false,"name":"%s.Envelope","version":1,"fields":[
              {"type":"string","optional":true,"name":"io.debezium.data.Json","version":1,"field":"before"},
              {"type":"string","optional":true,"name":"io.debezium.data.Json","version":1,"field":"after"},
              {"type":"struct","optional":true,"name":"io.debezium.connector.mongodb.changestream.updatedescription","version":1,
               "field":"updateDescription","fields":[
                {"type":"array","items":{"type":"string","optional":false},"optional":true,"field":"removedFields"},
                {"type":"string","optional":true,"name":"io.debezium.data.Json","version":1,"field":"updatedFields"},
                {"type":"array","items":{"type":"struct","optional":false,
                  "name":"io.debezium.connector.mongodb.changestream.truncatedarray","version":1,
                  "fields":[{"type":"string","optional":false,"field":"field"},{"type":"int32","optional":false,"field":"size"}]},
                 "optional":true,"field":"truncatedArrays"}]},
              {"type":"struct","optional":false,"name":"io.debezium.connector.mongo.Source","field":"source","fields":[
                {"type":"string","optional":false,"field":"version"},
                {"type":"string","optional":false,"field":"connector"},
                {"type":"string","optional":false,"field":"name"},
                {"type":"int64","optional":false,"field":"ts_ms"},
                {"type":"string","optional":true,"name":"io.debezium.data.Enum","version":1,
                 "parameters":{"allowed":"true,first,first_in_data_collection,last_in_data_collection,last,false,incremental"},
                 "default":"false","field":"snapshot"},
                {"type":"string","optional":false,"field":"db"},
                {"type":"string","optional":true,"field":"sequence"},
                {"type":"int64","optional":true,"field":"ts_us"},
                {"type":"int64","optional":true,"field":"ts_ns"},
                {"type":"string","optional":false,"field":"collection"},
                {"type":"int32","optional":false,"field":"ord"},
                {"type":"string","optional":true,"field":"lsid"},
                {"type":"int64","optional":true,"field":"txnNumber"},
                {"type":"int64","optional":true,"field":"wallTime"}]},
              {"type":"string","optional":true,"field":"op"},
              {"type":"int64","optional":true,"field":"ts_ms"},
              {"type":"int64","optional":true,"field":"ts_us"},
              {"type":"int64","optional":true,"field":"ts_ns"},
              {"type":"struct","optional":true,"name":"event.block","version":1,"field":"transaction","fields":[
                {"type":"string","optional":false,"field":"id"},
                {"type":"int64","optional":false,"field":"total_order"},
                {"type":"int64","optional":false,"field":"data_collection_order"}]}]}""";

    private MongoEnvelopeSchema() {
    }

    static JsonNode key(ObjectMapper json, String topic) {
        return parse(json, KEY.formatted(topic));
    }

    static JsonNode value(ObjectMapper json, String topic) {
        return parse(json, VALUE.formatted(topic));
    }

    private static JsonNode parse(ObjectMapper json, String text) {
        try {
            return json.readTree(text);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
