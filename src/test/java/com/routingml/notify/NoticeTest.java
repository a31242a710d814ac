package com.routingml.notify;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoticeTest {

    @Test
    void slackAndTeamsPayloads() {
        Notice n = Notice.failure("retraining FAILED", Map.of("step", "extract"));
        assertTrue(n.slack().getString("text").contains("retraining FAILED"));
        assertTrue(n.slack().getString("text").contains("step: extract"));
        assertEquals("MessageCard", n.teams().getString("@type"));
        assertEquals("extract", n.teams().getJsonArray("sections").getJsonObject(0).getJsonArray("facts")
                .getJsonObject(0).getString("value"));
    }

    @Test
    void retriesOnServerErrorsAndSkipsAbsentChannels() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        AtomicInteger calls = new AtomicInteger();
        List<String> bodies = new CopyOnWriteArrayList<>();
        server.createContext("/hook", ex -> {
            bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int st = calls.incrementAndGet() < 3 ? 503 : 200;
            ex.sendResponseHeaders(st, -1);
            ex.close();
        });
        server.start();
        try {
            WebhookNotifier w = new WebhookNotifier();
            w.slackUrl = Optional.of("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
            w.teamsUrl = Optional.empty();
            w.timeoutSeconds = 2;
            w.retries = 2;
            w.retryDelayMillis = 10;
            List<WebhookNotifier.Delivery> d = w.send(Notice.success("ok", Map.of("k", "v")));
            assertEquals(1, d.size());
            assertTrue(d.get(0).delivered());
            assertEquals(3, d.get(0).attempts());
            w.retries = 0;
            calls.set(0);
            assertFalse(w.send(Notice.success("ok", Map.of())).get(0).delivered(), "503 without retries");
        } finally {
            server.stop(0);
        }
    }
}
