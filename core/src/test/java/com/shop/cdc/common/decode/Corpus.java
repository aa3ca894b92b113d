package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.shop.cdc.common.event.KafkaCoordinates;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Loads the captured Debezium events (test resources {@code corpus/<run>/<source>.schemas-*.jsonl})
 * as the raw Kafka records a service would consume, headers as Connect's SimpleHeaderConverter writes them.
 */
public final class Corpus {

    public static final ObjectMapper JSON = new ObjectMapper();

    private Corpus() {
    }

    public static List<RawRecord> load(String resource) {
        List<RawRecord> records = new ArrayList<>();
        try (var in = Corpus.class.getResourceAsStream("/corpus/" + resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource corpus/" + resource);
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            long offset = 0;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    records.add(record(JSON.readTree(line), offset++));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return records;
    }

    private static RawRecord record(JsonNode line, long offset) throws IOException {
        Map<String, byte[]> headers = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = line.path("headersSimpleConverter").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> header = it.next();
            headers.put(header.getKey(), header.getValue().asText().getBytes(StandardCharsets.UTF_8));
        }
        return new RawRecord(new KafkaCoordinates(line.get("topic").asText(), 0, offset, 0),
                bytes(line.get("key")), bytes(line.get("value")), headers);
    }

    private static byte[] bytes(JsonNode node) throws IOException {
        return node == null || node.isNull() ? null : JSON.writeValueAsBytes(node);
    }
}
