package com.routingml.notify;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A notification: a title and ordered facts, rendered as a Slack or a Microsoft Teams
 * incoming-webhook message.
 *
 * @param success whether it reports a success
 * @param title   one line
 * @param facts   label to value, in order
 */
public record Notice(boolean success, String title, Map<String, String> facts) {

    public Notice {
        facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    }

    public static Notice success(String title, Map<String, String> facts) {
        return new Notice(true, title, facts);
    }

    public static Notice failure(String title, Map<String, String> facts) {
        return new Notice(false, title, facts);
    }

    /** Plain text: the title, then one "label: value" line per fact. */
    public String text() {
        StringBuilder b = new StringBuilder(title);
        facts.forEach((k, v) -> b.append('\n').append(k).append(": ").append(v));
        return b.toString();
    }

    /** Slack incoming webhook payload: {@code text} with mrkdwn. */
    public JsonObject slack() {
        StringBuilder b = new StringBuilder(success ? ":white_check_mark: *" : ":x: *").append(title).append('*');
        facts.forEach((k, v) -> b.append("\n• ").append(k).append(": ").append(v));
        return Json.createObjectBuilder().add("text", b.toString()).build();
    }

    /** Microsoft Teams incoming webhook payload: a MessageCard with the facts. */
    public JsonObject teams() {
        JsonArrayBuilder f = Json.createArrayBuilder();
        facts.forEach((k, v) -> f.add(Json.createObjectBuilder().add("name", k).add("value", v)));
        return Json.createObjectBuilder()
                .add("@type", "MessageCard")
                .add("@context", "https://schema.org/extensions")
                .add("themeColor", success ? "2EB886" : "D40E0D")
                .add("summary", title)
                .add("title", title)
                .add("sections", Json.createArrayBuilder().add(Json.createObjectBuilder().add("facts", f)))
                .build();
    }
}
