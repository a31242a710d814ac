package com.routingml.notify;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * Sends notices to the Slack and Microsoft Teams incoming webhooks configured in
 * {@code routingml.notify.slack-url} and {@code routingml.notify.teams-url} (absent or blank: that
 * channel is skipped). Each post has a timeout and is retried on I/O errors, 429 and 5xx. A webhook
 * URL is a secret: it is never logged, only the channel name and the outcome are.
 */
@ApplicationScoped
public class WebhookNotifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class.getName());

    @Inject
    @ConfigProperty(name = "routingml.notify.slack-url")
    Optional<String> slackUrl;

    @Inject
    @ConfigProperty(name = "routingml.notify.teams-url")
    Optional<String> teamsUrl;

    @Inject
    @ConfigProperty(name = "routingml.notify.timeout-seconds", defaultValue = "5")
    int timeoutSeconds;

    @Inject
    @ConfigProperty(name = "routingml.notify.retries", defaultValue = "2")
    int retries;

    @Inject
    @ConfigProperty(name = "routingml.notify.retry-delay-millis", defaultValue = "1000")
    long retryDelayMillis;

    /** Outcome of one channel. */
    public record Delivery(String channel, boolean delivered, int attempts, String detail) {
    }

    /** Posts to every configured channel; never throws. */
    public List<Delivery> send(Notice notice) {
        List<Delivery> out = new ArrayList<>();
        slackUrl.filter(u -> !u.isBlank()).ifPresent(u -> out.add(post("slack", u.trim(), notice.slack())));
        teamsUrl.filter(u -> !u.isBlank()).ifPresent(u -> out.add(post("teams", u.trim(), notice.teams())));
        if (out.isEmpty()) {
            LOG.fine("no webhook configured: notice not sent");
        }
        return out;
    }

    Delivery post(String channel, String url, JsonObject body) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(timeoutSeconds)).build();
        HttpRequest req;
        try {
            req = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build();
        } catch (IllegalArgumentException e) {
            LOG.warning(channel + " notice not sent: the configured webhook URL is malformed");
            return new Delivery(channel, false, 0, "malformed URL");
        }
        String detail = "";
        int attempts = Math.max(0, retries) + 1;
        for (int i = 1; i <= attempts; i++) {
            try {
                HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
                int st = r.statusCode();
                if (st >= 200 && st < 300) {
                    int n = i;
                    LOG.info(() -> channel + " notice delivered (HTTP " + st + ", attempt " + n + ")");
                    return new Delivery(channel, true, i, "HTTP " + st);
                }
                detail = "HTTP " + st;
                if (st != 429 && st < 500) {
                    break; // the request is wrong; repeating it will not help
                }
            } catch (IOException e) {
                detail = e.getClass().getSimpleName(); // the message may contain the URL
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                detail = "interrupted";
                break;
            }
            if (i < attempts) {
                try {
                    Thread.sleep(retryDelayMillis * i);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        String d = detail;
        LOG.warning(() -> channel + " notice not delivered after " + attempts + " attempt(s): " + d);
        return new Delivery(channel, false, attempts, detail);
    }
}
