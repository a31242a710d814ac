package com.routingml.prediction;

import com.routingml.access.Item;
import com.routingml.access.ItemColumns;
import com.routingml.api.ProblemException;
import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParsingException;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A validated {@code POST /api/predictions} body: exactly one of an item code (attributes looked
 * up in the item master) or the attributes of a new item, and the number of routings wanted.
 *
 * <p>Parsed with JSON-P rather than bound, so that every way a body can be wrong gets its own
 * message naming the field and the value.
 *
 * @param itemCode   ITEM_CD to look up, or {@code null}
 * @param attributes item master column (canonical upper case) to value, or {@code null}
 * @param topK       how many candidate routings, within [1, maxTopK]
 */
public record PredictionRequest(String itemCode, Map<String, Object> attributes, int topK) {

    static final int MAX_CODE_LENGTH = 64;
    static final int MAX_TEXT_LENGTH = 256;
    private static final Set<String> FIELDS = Set.of("itemCode", "attributes", "topK");

    /** The item to recommend for, when given by attributes. */
    public Item item() {
        return new Item(null, attributes, null);
    }

    /**
     * @throws ProblemException 400 for a malformed or invalid body, 413 when it exceeds {@code maxBytes}
     */
    public static PredictionRequest parse(InputStream body, int maxBytes, int defaultTopK, int maxTopK) {
        JsonObject o = readObject(body, maxBytes);
        List<String> unknown = o.keySet().stream().filter(k -> !FIELDS.contains(k)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown field(s) " + unknown
                    + "; expected itemCode or attributes, and optionally topK");
        }
        String code = null;
        Map<String, Object> attrs = null;
        if (o.containsKey("itemCode") && o.get("itemCode").getValueType() != JsonValue.ValueType.NULL) {
            if (!(o.get("itemCode") instanceof JsonString s)) {
                throw ProblemException.badRequest("itemCode must be a string, was " + o.get("itemCode").getValueType());
            }
            code = s.getString().trim();
            if (code.isEmpty() || code.length() > MAX_CODE_LENGTH || code.chars().anyMatch(Character::isISOControl)) {
                throw ProblemException.badRequest("itemCode must be 1-" + MAX_CODE_LENGTH
                        + " printable characters, was \"" + abbreviate(code) + "\"");
            }
        }
        if (o.containsKey("attributes") && o.get("attributes").getValueType() != JsonValue.ValueType.NULL) {
            if (!(o.get("attributes") instanceof JsonObject a)) {
                throw ProblemException.badRequest("attributes must be an object of item master columns, was "
                        + o.get("attributes").getValueType());
            }
            attrs = attributes(a);
        }
        if ((code == null) == (attrs == null)) {
            throw ProblemException.badRequest(code == null
                    ? "give either itemCode (an existing item) or attributes (a new item)"
                    : "give either itemCode or attributes, not both");
        }
        int topK = defaultTopK;
        if (o.containsKey("topK") && o.get("topK").getValueType() != JsonValue.ValueType.NULL) {
            if (!(o.get("topK") instanceof JsonNumber n) || !n.isIntegral()) {
                throw ProblemException.badRequest("topK must be an integer between 1 and " + maxTopK + ", was "
                        + o.get("topK"));
            }
            long k;
            try {
                k = n.longValueExact();
            } catch (ArithmeticException e) {
                k = Long.MAX_VALUE;
            }
            if (k < 1 || k > maxTopK) {
                throw ProblemException.badRequest("topK must be between 1 and " + maxTopK + ", was " + n);
            }
            topK = (int) k;
        }
        return new PredictionRequest(code, attrs, topK);
    }

    private static Map<String, Object> attributes(JsonObject a) {
        Map<String, Object> out = new LinkedHashMap<>();
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, JsonValue> e : a.entrySet()) {
            String col = ItemColumns.canonical(e.getKey()).orElse(null);
            if (col == null || col.equals("ITEM_CD")) {
                unknown.add(e.getKey());
                continue;
            }
            JsonValue v = e.getValue();
            switch (v.getValueType()) {
                case NULL -> { }
                case STRING -> {
                    String s = ((JsonString) v).getString();
                    if (s.length() > MAX_TEXT_LENGTH) {
                        throw ProblemException.badRequest("attribute " + e.getKey() + " is longer than "
                                + MAX_TEXT_LENGTH + " characters");
                    }
                    out.put(col, s);
                }
                case NUMBER -> {
                    double d = ((JsonNumber) v).doubleValue();
                    if (!Double.isFinite(d)) {
                        throw ProblemException.badRequest("attribute " + e.getKey() + " is not a finite number: " + v);
                    }
                    out.put(col, d);
                }
                default -> throw ProblemException.badRequest("attribute " + e.getKey()
                        + " must be a string, a number or null, was " + v.getValueType());
            }
        }
        if (!unknown.isEmpty()) {
            throw ProblemException.badRequest("unknown attribute(s) " + unknown + "; use item master columns of "
                    + "dbo_BI_ITEM_INFO_VIEW (ITEM_CD goes in itemCode): "
                    + ItemColumns.ALL.subList(1, ItemColumns.ALL.size()));
        }
        if (out.isEmpty()) {
            throw ProblemException.badRequest("attributes has no values; give at least one item master column");
        }
        return out;
    }

    private static JsonObject readObject(InputStream body, int maxBytes) {
        if (body == null) {
            throw ProblemException.badRequest("request body is empty; expected a JSON object");
        }
        LimitedInputStream in = new LimitedInputStream(body, maxBytes);
        try (JsonReader r = Json.createReader(in)) {
            JsonValue v = r.readValue();
            if (!(v instanceof JsonObject o)) {
                throw ProblemException.badRequest("request body must be a JSON object, was " + v.getValueType());
            }
            return o;
        } catch (JsonParsingException e) {
            if (in.exceeded()) {
                throw tooLarge(maxBytes);
            }
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNumber()
                    + ", column " + e.getLocation().getColumnNumber();
            throw ProblemException.badRequest(in.count() == 0 ? "request body is empty; expected a JSON object"
                    : "malformed JSON" + where + ": " + e.getMessage());
        } catch (JsonException e) {
            if (in.exceeded()) {
                throw tooLarge(maxBytes);
            }
            throw ProblemException.badRequest(in.count() == 0 ? "request body is empty; expected a JSON object"
                    : "malformed JSON: " + e.getMessage());
        } catch (RuntimeException e) {
            // Parsson reports its nesting-depth guard as a bare RuntimeException: still the caller's input.
            throw ProblemException.badRequest("malformed JSON: " + e.getMessage());
        }
    }

    private static ProblemException tooLarge(int maxBytes) {
        return new ProblemException(413, "payload-too-large", "Payload too large",
                "request body exceeds " + maxBytes + " bytes");
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }

    /** Counts bytes and fails past a limit, so a huge body is never buffered whole. */
    static final class LimitedInputStream extends InputStream {
        private final InputStream in;
        private final int limit;
        private int count;
        private boolean exceeded;

        LimitedInputStream(InputStream in, int limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                advance(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
            int n = in.read(buf, off, len);
            if (n > 0) {
                advance(n);
            }
            return n;
        }

        private void advance(int n) throws IOException {
            count += n;
            if (count > limit) {
                exceeded = true;
                throw new IOException("body exceeds " + limit + " bytes");
            }
        }

        int count() {
            return count;
        }

        boolean exceeded() {
            return exceeded;
        }
    }
}
