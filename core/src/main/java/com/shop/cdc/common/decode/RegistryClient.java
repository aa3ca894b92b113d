package com.shop.cdc.common.decode;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.Schema;
import org.apache.avro.SchemaParseException;

/**
 * Avro schemas from a registry's Confluent-compatible API ({@code GET <url>/schemas/ids/<id>}), which
 * Confluent Schema Registry, Apicurio Registry ({@code /apis/ccompat/v7}) and Karapace serve. A
 * schema id never changes its schema, so what was fetched is kept for the life of the service; an
 * unknown id is asked again each time, since it may be registered later.
 */
public final class RegistryClient implements AvroSchemas {

    private final URI url;
    private final Duration timeout;
    private final Optional<String> authorization;
    private final ObjectMapper json;
    private final HttpClient http;
    private final Map<Integer, Schema> fetched = new ConcurrentHashMap<>();

    /** @param basicAuth {@code user:password} for HTTP basic authentication, if the registry asks for it */
    public RegistryClient(URI url, Duration timeout, Optional<String> basicAuth, ObjectMapper json) {
        this.url = URI.create(url.toString().replaceAll("/+$", "") + "/");
        this.timeout = timeout;
        this.authorization = basicAuth.map(credentials ->
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        this.json = json;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    @Override
    public Schema byId(int id) {
        Schema known = fetched.get(id);
        if (known != null) {
            return known;
        }
        HttpResponse<byte[]> response = get("schemas/ids/" + id);
        if (response.statusCode() == 404) {
            throw new IllegalArgumentException("schema id " + id + " is not registered in " + source()
                    + " (it answered 404); was the topic written through another registry? (cdc.schema-registry.url)");
        }
        requireOk(response, "schemas/ids/" + id);
        Schema schema = parse(id, response.body());
        fetched.put(id, schema);
        return schema;
    }

    /** Completes when the registry answers, or fails with a {@link RegistryUnavailableException} saying why not. */
    public CompletableFuture<Void> probe() {
        return http.sendAsync(request("schemas/types"), HttpResponse.BodyHandlers.ofByteArray())
                .handle((response, failure) -> {
                    if (failure != null) {
                        throw new RegistryUnavailableException("no answer from " + source() + ": " + failure, failure);
                    }
                    requireOk(response, "schemas/types");
                    return null;
                });
    }

    @Override
    public String source() {
        return "the schema registry at " + url;
    }

    private Schema parse(int id, byte[] body) {
        String type;
        JsonNode text;
        try {
            JsonNode answer = json.readTree(body);
            type = answer.path("schemaType").asText("AVRO");
            text = answer.path("schema");
        } catch (IOException e) {
            throw new RegistryUnavailableException(source() + " answered schema id " + id + " with something other than"
                    + " JSON", e);
        }
        if (!type.equals("AVRO")) {
            throw new IllegalArgumentException("schema id " + id + " in " + source() + " is a " + type + " schema; this "
                    + "topic is read as Avro, so its connector's converter should be an Avro converter");
        }
        try {
            return new Schema.Parser().parse(text.asText());
        } catch (SchemaParseException e) {
            throw new IllegalArgumentException("schema id " + id + " in " + source() + " is not a valid Avro schema: "
                    + e.getMessage());
        }
    }

    private HttpRequest request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url.resolve(path)).timeout(timeout)
                .header("Accept", "application/vnd.schemaregistry.v1+json, application/json");
        authorization.ifPresent(value -> request.header("Authorization", value));
        return request.build();
    }

    private HttpResponse<byte[]> get(String path) {
        try {
            return http.send(request(path), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new RegistryUnavailableException("no answer from " + source() + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while asking " + source(), e);
        }
    }

    /** Anything but a 2xx is the registry's state, not the record's: refused credentials included. */
    private void requireOk(HttpResponse<byte[]> response, String path) {
        if (response.statusCode() / 100 != 2) {
            throw new RegistryUnavailableException(source() + " answered " + response.statusCode() + " to GET " + path,
                    null);
        }
    }
}
