package com.shop.cdc.search.elasticsearch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.shop.cdc.common.target.TargetUnavailableException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.apache.http.entity.ContentType;
import org.apache.http.nio.entity.NByteArrayEntity;
import org.elasticsearch.client.Request;
import org.elasticsearch.client.RequestOptions;
import org.elasticsearch.client.Response;
import org.elasticsearch.client.ResponseException;
import org.elasticsearch.client.RestClient;

/**
 * JSON requests over the low-level client. An unreachable server, a 429 or a 5xx is the target's
 * state ({@link TargetUnavailableException}); any other error answer is a fault of the request
 * ({@link IllegalStateException} with Elasticsearch's own error).
 */
public final class ElasticsearchHttp {

    static final String TARGET = "elasticsearch";

    private final RestClient client;
    private final ObjectMapper json;
    /** Answers read with their numbers as written: a stored decimal read back (kept fields, a lookup) stays exact. */
    private final ObjectReader answers;

    public ElasticsearchHttp(RestClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
        this.answers = json.reader().with(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .without(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES);
    }

    RestClient client() {
        return client;
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends a request with an optional JSON body and returns the parsed answer. */
    JsonNode call(String method, String endpoint, Object body) {
        return send(request(method, endpoint, body, null)).orElseThrow();
    }

    /** As {@link #call}, with a 404 as empty. */
    Optional<JsonNode> callOrNotFound(String method, String endpoint, Object body) {
        Request request = request(method, endpoint, body, null);
        request.addParameter("ignore", "404");
        return send(request);
    }

    /** As {@link #call}, bounded in time. */
    JsonNode call(String method, String endpoint, RequestOptions options) {
        return send(request(method, endpoint, null, options)).orElseThrow();
    }

    byte[] bytes(Object value) {
        try {
            return value instanceof byte[] raw ? raw : json.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a request body always serialises", e);
        }
    }

    JsonNode parse(Response response) throws IOException {
        try (InputStream in = response.getEntity().getContent()) {
            return answers.readTree(in);
        }
    }

    static boolean isTransient(int status) {
        return status == 429 || status >= 500;
    }

    private Request request(String method, String endpoint, Object body, RequestOptions options) {
        Request request = new Request(method, endpoint);
        if (body != null) {
            request.setEntity(new NByteArrayEntity(bytes(body), ContentType.APPLICATION_JSON));
        }
        if (options != null) {
            request.setOptions(options);
        }
        return request;
    }

    private Optional<JsonNode> send(Request request) {
        try {
            Response response = client.performRequest(request);
            if (response.getStatusLine().getStatusCode() == 404) {
                return Optional.empty();
            }
            return Optional.of(parse(response));
        } catch (ResponseException e) {
            int status = e.getResponse().getStatusLine().getStatusCode();
            if (isTransient(status)) {
                throw new TargetUnavailableException(TARGET, e);
            }
            throw new IllegalStateException(request.getMethod() + " " + request.getEndpoint() + " refused: "
                    + e.getMessage(), e);
        } catch (IOException e) {
            throw new TargetUnavailableException(TARGET, e);
        }
    }
}
