package it.com.routingml;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The browser console in headless Chromium against the real server: recommendations by item code
 * and by attributes, the why panel, an unknown item, the drift page following a shifted stream,
 * an admin action refused without login and done with it, and the other pages against the API.
 * Writes the screenshots of docs/console.md.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleIT {

    private static Browser browser;
    /** A routed item whose recommendation has at least two candidates. */
    private static String item;
    private static JsonObject answer;

    @BeforeAll
    static void start() {
        Server.awaitReady();
        browser = Browser.start();
        List<String> routed = Items.codes("SELECT DISTINCT ITEM_CD FROM dbo_BI_ROUTING_VIEW ORDER BY ITEM_CD");
        for (String code : routed.subList(0, 40)) {
            JsonObject a = predict(Json.createObjectBuilder().add("itemCode", code).add("topK", 3));
            if (a.getJsonArray("candidates").size() >= 2) {
                item = code;
                answer = a;
                return;
            }
        }
        throw new AssertionError("no routed item with two candidate routings among the first 40");
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
    }

    private static List<String> jobCodes(JsonObject candidate) {
        return candidate.getJsonArray("jobCodes").getValuesAs(jakarta.json.JsonString::getString);
    }

    private static JsonObject predict(JsonObjectBuilder body) {
        Server.Reply r = Server.post("/api/predictions", body.build().toString());
        assertEquals(200, r.status(), r.body());
        return r.json();
    }

    @Test
    @Order(1)
    void anItemCodeTypedAtTheKeyboardShowsItsCandidatesWithTheirOperationsAndReferences() {
        browser.open("#/recommend");
        WebElement code = browser.find("#item-code");
        code.sendKeys(item);
        new Select(browser.find("#k-code")).selectByValue("3");
        code.sendKeys(Keys.ENTER);
        int expected = answer.getJsonArray("candidates").size();
        browser.until("candidates", d -> d.findElements(By.cssSelector(".candidate")).size() == expected);
        assertTrue(browser.find("#result-summary").getText().contains("item " + item));

        JsonObject first = answer.getJsonArray("candidates").getJsonObject(0);
        WebElement card = browser.find("#candidate-1");
        assertEquals(jobCodes(first), browser.texts("#candidate-1 .jobs li"));
        List<WebElement> rows = card.findElements(By.cssSelector("table.operations tbody tr"));
        JsonArray ops = first.getJsonArray("operations");
        assertEquals(ops.size(), rows.size());
        for (int i = 0; i < ops.size(); i++) {
            JsonObject op = ops.getJsonObject(i);
            List<WebElement> cells = rows.get(i).findElements(By.tagName("td"));
            assertEquals(String.valueOf(op.getInt("procSeq")), cells.get(0).getText());
            assertEquals(op.getString("jobCode"), cells.get(1).getText());
            assertEquals(op.getString("jobName", ""), cells.get(2).getText(), "Korean JOB_NM as the API gives it");
            assertTrue(cells.get(3).getText().startsWith(op.getString("resourceCode", "–")), cells.get(3).getText());
            assertEquals(op.getBoolean("inHouse") ? "in-house" : "outsourced", cells.get(7).getText());
        }
        assertTrue(card.getText().contains("score " + new BigDecimal(first.getJsonNumber("score").toString())
                .setScale(3, java.math.RoundingMode.HALF_UP).toPlainString()), card.getText());

        String reference = first.getJsonArray("references").getJsonObject(0).getString("itemCode");
        card.findElement(By.cssSelector("a.ref")).click();
        browser.until("the reference item's own recommendation",
                d -> browser.texts("#result-summary").stream().anyMatch(t -> t.contains("item " + reference)));
    }

    @Test
    @Order(2)
    void theWhyPanelsBarsAddUpToTheShownScoreAndTwoCandidatesAreComparedSideBySide() {
        browser.open("#/recommend?item=" + item + "&k=3");
        browser.until("candidates", d -> d.findElements(By.cssSelector(".candidate")).size() >= 2);
        browser.find("#candidate-1 .why-toggle").click();
        List<WebElement> bars = browser.until("why bars", d -> {
            List<WebElement> b = d.findElements(By.cssSelector("#why-1 rect.why-bar"));
            return b.isEmpty() ? null : b;
        });
        JsonObject first = answer.getJsonArray("candidates").getJsonObject(0);
        JsonArray why = first.getJsonArray("why");
        assertEquals(why.size(), bars.size());
        double perUnit = Double.parseDouble(browser.find("#why-1 svg.why-chart").getAttribute("data-px-per-unit"));
        double values = 0;
        double drawn = 0;
        for (int i = 0; i < bars.size(); i++) {
            WebElement bar = bars.get(i);
            JsonObject term = why.getJsonObject(i);
            assertEquals(term.getString("feature"), bar.getAttribute("data-feature"));
            assertEquals(term.getBoolean("matched"), bar.getAttribute("class").contains("bar-matched"),
                    term.toString());
            values += Double.parseDouble(bar.getAttribute("data-value"));
            drawn += Double.parseDouble(bar.getAttribute("width")) / perUnit;
        }
        double shown = Double.parseDouble(browser.find("#candidate-1 .score").getText());
        assertEquals(first.getJsonNumber("score").doubleValue(), values, 1e-9,
                "the bars carry the API's contributions");
        assertEquals(shown, values, 0.0005 + 1e-12, "the bars add up to the score shown");
        assertEquals(shown, drawn, 0.001, "the drawn lengths add up to the score shown");
        String total = browser.find("#why-1 .total").getText();
        assertTrue(total.contains(String.format(java.util.Locale.ROOT, "%.3f", shown)), total);

        browser.find("#compare-1").click();
        browser.find("#compare-2").click();
        WebElement table = browser.await("#comparison tbody");
        List<WebElement> marked = table.findElements(By.cssSelector("tr.diff:not(.same)"));
        assertFalse(marked.isEmpty(), "two candidates have different JOB_CD sequences, so some operations are marked");
        for (WebElement row : marked) {
            String text = row.getText();
            assertTrue(text.contains("only in #") || text.contains("changed:"), text);
        }
        browser.screenshot("recommend");
    }

    @Test
    @Order(3)
    void attributesOfANewItemGiveTheApisCandidatesAndEveryControlHasALabel() {
        String source = Items.unroutedBase().get(0);
        Map<String, Object> attrs = Items.attributes(source, "ITEM_TYPE", "PART_TYPE", "ITEM_MATERIAL", "OUTDIAMETER");
        assertTrue(attrs.containsKey("PART_TYPE") && attrs.containsKey("OUTDIAMETER"), attrs.toString());
        browser.open("#/recommend");
        browser.until("attribute form", d -> !d.findElements(By.id("attr-PART_TYPE")).isEmpty());
        browser.find("#by-attributes summary").click();
        JsonObjectBuilder api = Json.createObjectBuilder();
        for (Map.Entry<String, Object> e : attrs.entrySet()) {
            String value = e.getValue() instanceof Number n
                    ? BigDecimal.valueOf(n.doubleValue()).stripTrailingZeros().toPlainString()
                    : e.getValue().toString();
            browser.find("#attr-" + e.getKey()).sendKeys(value);
            if (e.getValue() instanceof Number n) {
                api.add(e.getKey(), n.doubleValue());
            } else {
                api.add(e.getKey(), value);
            }
        }
        api.add("OUTDIAMETER_UNIT", "MM");
        new Select(browser.find("#k-attrs")).selectByValue("2");
        Object unlabelled = browser.js("return [...document.querySelectorAll('input, select')]"
                + ".filter(e => e.type !== 'hidden' && e.labels.length === 0 && !e.getAttribute('aria-label'))"
                + ".map(e => e.id || e.name)");
        assertEquals(List.of(), unlabelled, "controls without a label");
        browser.find("#recommend-attributes").click();
        JsonObject expected = predict(Json.createObjectBuilder().add("attributes", api).add("topK", 2));
        int count = expected.getJsonArray("candidates").size();
        browser.until("candidates for the new item", d -> browser.all(".candidate").size() == count
                && browser.texts("#result-summary").stream().anyMatch(t -> t.contains("the new item")));
        assertEquals(jobCodes(expected.getJsonArray("candidates").getJsonObject(0)),
                browser.texts("#candidate-1 .jobs li"));
        assertTrue(browser.find("#by-attributes details").getAttribute("open") != null,
                "the form stays open with its values");
        browser.screenshot("recommend-attributes");
    }

    @Test
    @Order(4)
    void anUnknownItemIsNamedInAClearMessage() {
        browser.open("#/recommend?item=NO-SUCH-ITEM-42&k=3");
        String text = browser.await("#recommend-error").getText();
        assertTrue(text.startsWith("Unknown item") && text.contains("NO-SUCH-ITEM-42"), text);
        assertTrue(browser.raw().findElements(By.cssSelector(".candidate")).isEmpty());
    }

    @Test
    @Order(5)
    void theDriftPageFollowsAShiftedStreamAndItsResetIsRefusedWithoutLoginAndDoneWithIt() {
        assertEquals(200, Server.postAs("admin", Server.ADMIN_PASSWORD, "/api/drift/reset", "{}").status());
        browser.open("#/drift");
        Map<String, Object> before = driftView();
        assertEquals("0", before.get("size"));
        assertNotEquals("detected", before.get("state"));

        for (String code : Items.shifted()) {
            assertEquals(200, Server.post("/api/predictions", "{\"itemCode\":\"" + code + "\",\"topK\":1}").status());
        }
        int sent = Items.shifted().size();
        Map<String, Object> after = browser.until("the page to show the whole shifted stream and the drift "
                + "(it refreshes itself)", d -> {
                    Map<String, Object> v = driftView();
                    return String.valueOf(sent).equals(v.get("size")) && "detected".equals(v.get("state")) ? v : null;
                });
        double kl = Double.parseDouble((String) after.get("kl"));
        assertTrue(kl > Double.parseDouble((String) after.get("threshold")), "KL " + kl);
        assertTrue(((Number) after.get("points")).intValue() > ((Number) before.get("points")).intValue(),
                "KL over time grew: " + before + " -> " + after);
        assertTrue(((Number) after.get("driftEvents")).intValue() > 0, "the drift event is listed");
        browser.screenshot("drift");

        confirmReset();
        String refusal = browser.await("#admin-error").getText();
        assertTrue(refusal.startsWith("Refused") && refusal.contains("administrator") && refusal.contains("Log in"),
                refusal);
        assertEquals(sent, Server.get("/api/drift/status").json().getInt("buffer_size"), "nothing was reset");

        browser.find("#login-open").click();
        WebElement password = browser.find("#login-password");
        password.sendKeys("not-the-password", Keys.ENTER);
        browser.until("wrong password said",
                d -> d.findElement(By.id("login-message")).getText().equals("Wrong user name or password."));
        password.clear();
        password.sendKeys(Server.ADMIN_PASSWORD, Keys.ENTER);
        browser.until("logged in", d -> browser.texts("#login-user-name").contains("Logged in as admin"));
        browser.awaitReady("drift");
        assertEquals(List.of(0L, 0L, ""),
                browser.js("return [localStorage.length, sessionStorage.length, document.cookie]"),
                "no credential is stored by the page");
        confirmReset();
        browser.until("reset done", d -> !d.findElements(By.id("admin-done")).isEmpty());
        assertEquals(0, Server.get("/api/drift/status").json().getInt("buffer_size"));
        browser.find("#logout").click();
    }

    /** The drift page's figures, read in one go (the page refreshes itself every few seconds). */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> driftView() {
        return (Map<String, Object>) browser.js("const q = s => document.querySelector(s);"
                + "const chart = q('svg.kl-chart');"
                + "return {size: q('#window-fill').dataset.size, state: q('#drift-state').textContent,"
                + " kl: q('#kl-value').dataset.kl, threshold: q('#threshold-value').textContent,"
                + " points: chart ? Number(chart.dataset.points) : 0,"
                + " driftEvents: document.querySelectorAll(\"#events tr[data-kind='DRIFT']\").length}");
    }

    private static void confirmReset() {
        browser.find("#drift-reset").click();
        browser.until("confirmation", d -> d.findElement(By.id("confirm-dialog")).getAttribute("open") != null);
        browser.find("#confirm-yes").click();
    }

    @Test
    @Order(6)
    void theModelDataQualityAndRetrainingPagesShowWhatTheApiSaysWithHealthOnEveryPage() {
        JsonObject models = Server.get("/api/models").json();
        browser.open("#/model");
        assertEquals(models.getString("activeVersion"), browser.find("#active-version").getText());
        assertEquals(models.getJsonArray("models").size(), browser.all("#versions > tbody > tr").size());
        awaitHealth();
        browser.screenshot("model");

        JsonObject ratios = Server.get("/api/models/active/null-ratios").json();
        browser.open("#/quality");
        JsonArray columns = ratios.getJsonArray("columns");
        assertEquals(columns.size(), browser.all("rect.ratio-bar").size());
        long marked = columns.getValuesAs(JsonObject.class).stream()
                .filter(c -> c.getJsonNumber("threshold").doubleValue() <= 1).count();
        assertEquals(marked, browser.all("line.ratio-threshold").size(), "alert thresholds marked");
        awaitHealth();
        browser.screenshot("quality");

        String body = Server.get("/api/retrain/executions?limit=20").body();
        int count = Json.createReader(new java.io.StringReader(body)).readArray().size();
        browser.open("#/retrain");
        assertEquals(count, browser.raw().findElements(By.cssSelector("#runs > tbody > tr.run")).size());
        JsonArray executions = Json.createReader(new java.io.StringReader(body)).readArray();
        for (JsonValue v : executions) {
            JsonObject x = v.asJsonObject();
            boolean latest = executions.getValuesAs(JsonObject.class).stream().noneMatch(y ->
                    y.getInt("instanceId") == x.getInt("instanceId")
                            && y.getInt("executionId") > x.getInt("executionId"));
            boolean refused = x.getString("exitStatus", "").startsWith("REFUSED");
            if (latest && !refused && List.of("FAILED", "STOPPED", "ABANDONED").contains(x.getString("status"))) {
                String call = "jobinstances/" + x.getInt("instanceId") + "?action=restart";
                assertTrue(browser.all(".restart pre").stream()
                        .anyMatch(e -> e.getAttribute("textContent").contains(call)), "restart shown for " + x);
            }
        }
        browser.all("#runs details summary").stream().findFirst().ifPresent(WebElement::click);
        awaitHealth();
        browser.screenshot("retrain");

        Object foreign = browser.js("return performance.getEntriesByType('resource').map(e => e.name)"
                + ".filter(u => !u.startsWith(location.origin + '/'))");
        assertEquals(List.of(), foreign, "every file and call of the console goes to this server");

        browser.raw().manage().window().setSize(new Dimension(800, 1000));
        try {
            browser.open("#/recommend?item=" + item + "&k=2");
            browser.until("candidates", d -> !d.findElements(By.cssSelector(".candidate")).isEmpty());
            assertTrue(((Number) browser.js("return document.documentElement.scrollWidth")).intValue() <= 800,
                    "no sideways scrolling at tablet width");
            browser.screenshot("recommend-tablet");
        } finally {
            browser.raw().manage().window().setSize(new Dimension(1280, 900));
        }
    }

    private static void awaitHealth() {
        browser.until("health shown", d -> d.findElement(By.id("health")).getAttribute("data-state") != null);
        assertTrue(browser.find("#health").getText().startsWith("Service "), browser.find("#health").getText());
    }
}
