package it.com.routingml;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The Slack/Teams stand-in: a loopback HTTP receiver on the pom's webhook port, keeping every body by path. */
final class Webhooks {

    static final int PORT = Integer.getInteger("it.webhook.port", 19381);
    static final Map<String, List<String>> RECEIVED = new ConcurrentHashMap<>();
    private static HttpServer receiver;

    private Webhooks() {
    }

    static synchronized void start() throws IOException {
        if (receiver != null) {
            return;
        }
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
        receiver.createContext("/", ex -> {
            RECEIVED.computeIfAbsent(ex.getRequestURI().getPath(), k -> new CopyOnWriteArrayList<>())
                    .add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        receiver.start();
    }

    static synchronized void stop() {
        if (receiver != null) {
            receiver.stop(0);
            receiver = null;
        }
    }

    static void awaitNotice(String path, String text) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        while (Instant.now().isBefore(deadline)) {
            List<String> got = RECEIVED.get(path);
            if (got != null && got.stream().anyMatch(b -> b.contains(text))) {
                return;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no notice on " + path + " containing '" + text + "'; received " + RECEIVED);
    }

}
