package com.shop.cdc.console.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for users-sink's dead-letter and reconciliation API (the console is what is under test): one
 * dead letter (#7) whose value holds an email address, and a replay that keeps the headers it was called
 * with (any other id fails again at stage validate);
 * a reconciliation that answers when the test lets it ({@link #RECONCILIATIONS}) and finds differences, one
 * listed key's source record (topic shop.public.users, partition 1, offset 42) and its row in users-postgres, older
 * than the source's; redis holds nothing under it.
 */
public class StubService implements QuarkusTestResourceLifecycleManager {

    static final String EMAIL = "alice@example.com";
    static final List<Map<String, String>> REPLAYS = new CopyOnWriteArrayList<>();
    /** The query of each listing asked for. */
    static final List<String> LISTINGS = new CopyOnWriteArrayList<>();
    private static final String LETTER = """
            {"id":7,"topic":"shop.public.users","partition":1,"offset":42,"sourceTimestamp":"2026-12-01T10:00:00Z",
             "stage":"validate","errorClass":"InvalidRecord","message":"email must be valid: %s","field":"email",
             "violations":[{"field":"email","rule":"format","value":"%s"}],"attempts":1,
             "firstFailedAt":"2026-12-01T10:00:01Z","lastFailedAt":"2026-12-01T10:00:01Z","status":"NEW"%s}"""
            .formatted(EMAIL, EMAIL, "%s");

    /** One permit lets one reconciliation answer: until then it is running. */
    static final Semaphore RECONCILIATIONS = new Semaphore(0);
    static final String MISSING_KEY = "{\"id\":41}";
    private static final String REPORT = """
            {"service":"users-sink","startedAt":"2026-12-01T10:00:00Z","finishedAt":"2026-12-01T10:01:00Z",
             "topics":["shop.public.users"],"records":{"read":120,"accepted":118,"rejected":2,"skipped":0},
             "targets":[{"target":"users-postgres","sourceKeys":100,"targetKeys":99,"missing":1,"extra":0,"stale":0,
             "different":2,"sourceChecksum":"0a","targetChecksum":"0b","checksumMatch":false,
             "listed":[{"kind":"MISSING","key":"%s","expectedPosition":77,"targetPosition":null,
             "source":{"topic":"shop.public.users","partition":1,"offset":42}}]}]}"""
            .formatted(MISSING_KEY.replace("\"", "\\\""));
    /** Exact decimals a double would change: the console must show them as written. */
    static final String BALANCE = "0.1000000000000000055511151231257827";
    private static final String SOURCE_CHANGE = """
            {"topic":"shop.public.users","partition":1,"offset":42,"timestamp":"2026-12-01T10:00:00Z",
             "outcome":"accepted","table":"public.users","operation":"UPDATE","position":77,
             "row":"{\\"id\\":41,\\"email\\":\\"%s\\",\\"balance\\":%s,\\"score\\":1.10}",
             "keys":{"users-postgres":"%s","redis":"user:{41}"}}"""
            .formatted(EMAIL, BALANCE, MISSING_KEY.replace("\"", "\\\""));
    private static final String TARGET_ROW = """
            {"key":"user-row","position":70,"deleted":false,"row":"{\\"id\\":41,\\"email\\":\\"old-%s\\"}"}"""
            .formatted(EMAIL);

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        server.createContext("/dead-letters", this::deadLetters);
        server.createContext("/reconciliation", this::reconciliation);
        // a reconciliation waits while the console asks for other things
        server.setExecutor(Executors.newCachedThreadPool());
        server.start();
        return Map.of("console.services.users-sink.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void deadLetters(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/dead-letters/7/replay")) {
            REPLAYS.add(Map.of("actingFor", String.valueOf(exchange.getRequestHeaders().getFirst("X-Cdc-Acting-For")),
                    "authorization", String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"))));
            answer(exchange, "{\"id\":7,\"status\":\"REPLAYED\"}");
        } else if (path.matches("/dead-letters/\\d+/replay")) {
            answer(exchange, "{\"id\":" + path.split("/")[2] + ",\"status\":\"FAILED\",\"stage\":\"validate\"}");
        } else if (path.equals("/dead-letters/7")) {
            answer(exchange, LETTER.formatted(",\"key\":{\"encoding\":\"json\",\"content\":{\"id\":7}},"
                    + "\"value\":{\"encoding\":\"json\",\"content\":{\"email\":\"" + EMAIL + "\"}},"
                    + "\"headers\":{\"origin\":{\"encoding\":\"text\",\"content\":\"crm-" + EMAIL + "\"}},"
                    + "\"stackTrace\":\"InvalidRecord: " + EMAIL + "\""));
        } else {
            LISTINGS.add(String.valueOf(exchange.getRequestURI().getQuery()));
            answer(exchange, "{\"items\":[" + LETTER.formatted("") + "],\"total\":1,\"page\":0,\"size\":50}");
        }
    }

    private void reconciliation(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        if (path.equals("/reconciliation/schedule")) {
            answer(exchange, "{\"every\":\"PT6H\",\"lastRunAt\":\"2026-12-01T10:00:00Z\",\"nextDueAt\":\"2026-12-01T16:00:00Z\"}");
            return;
        }
        if (path.equals("/reconciliation/source/shop.public.users/1/42")) {
            answer(exchange, SOURCE_CHANGE);
            return;
        }
        if (path.equals("/reconciliation/targets/users-postgres/rows")
                && ("key=" + MISSING_KEY).equals(exchange.getRequestURI().getQuery())) {
            answer(exchange, TARGET_ROW);
            return;
        }
        if (!"POST".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        try {
            if (!RECONCILIATIONS.tryAcquire(60, TimeUnit.SECONDS)) {
                exchange.sendResponseHeaders(503, -1);
                exchange.close();
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        answer(exchange, REPORT);
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void stop() {
        server.stop(0);
    }
}
