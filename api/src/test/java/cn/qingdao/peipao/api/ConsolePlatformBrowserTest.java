package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/**
 * The officer's region dashboard and the park pages in Debian's Chromium, over the demo as {@code
 * serve} loads it: the 崂山区 officer sees its ledger's figures and a coloured map of the districts; a
 * founder books a room and another founder finds the slot taken; a founder applies to move in and
 * the park accepts in its own page, the area leaving the market.
 */
@Tag("browser")
class ConsolePlatformBrowserTest {
  @TempDir static Path dir;
  static TestServer s;
  static ChromeDriver browser;

  static final String PARK = "k-shaohaihui";
  static final String OFFICER = "console-officer-key-0123456789";
  static final String ADMIN = "console-admin2-key-0123456789";
  static final String PARK_KEY = "console-park-key-0123456789";
  static final String FOUNDER = "console-founder1-key-0123456789";
  static final String FOUNDER2 = "console-founder2-key-0123456789";

  @RegisterExtension
  static final TestWatcher ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          Browser.shot(browser, "FAILED-" + context.getRequiredTestMethod().getName());
        }
      };

  @BeforeAll
  static void start() {
    String keys =
        """
        [{"name":"ops","role":"admin","key":"%s"},
         {"name":"崂山区","role":"officer","region":"370212","key":"%s"},
         {"name":"park","role":"park","entity":"%s","key":"%s"},
         {"name":"f1","role":"founder","entity":"syn-p-00003","key":"%s"},
         {"name":"f2","role":"founder","entity":"syn-p-00004","key":"%s"}]"""
            .formatted(ADMIN, OFFICER, PARK, PARK_KEY, FOUNDER, FOUNDER2);
    s = TestServer.withFullDemo(dir, new KeyAccessControl(ApiKeys.read(Json.parse(keys))));
    // the park lists a free office beside the demo's rooms
    JsonNode inv = TestServer.ok(s.as(ADMIN, "GET", "/api/v1/parks/" + PARK + "/spaces", null));
    StringBuilder items = new StringBuilder("[");
    for (JsonNode x : inv.get("items"))
      items
          .append("{\"id\":\"")
          .append(x.get("id").asText())
          .append("\",\"kind\":\"")
          .append(x.get("kind").asText())
          .append("\",\"name\":\"")
          .append(x.get("name").asText())
          .append("\",\"area\":")
          .append(x.get("area").asDouble())
          .append(",\"status\":\"")
          .append(x.get("status").asText())
          .append("\"},");
    items.append("{\"id\":\"o-301\",\"kind\":\"office\",\"name\":\"301室\",\"area\":75}]");
    assertEquals(
        200, s.as(ADMIN, "PUT", "/api/v1/parks/" + PARK + "/spaces", items.toString()).status());
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (s != null) s.close();
  }

  static WebElement waitFor(String css) {
    return Browser.waitUp(browser)
        .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
  }

  @Test
  void theOfficerSeesItsRegionsFiguresAndAColouredMap() {
    Browser.signIn(browser, s.base, OFFICER, "#/dashboard");
    waitFor("#dash-map[data-rendered]");
    JsonNode stats = TestServer.ok(s.as(OFFICER, "GET", "/api/v1/stats?groupBy=month", null));
    String needs = waitFor("#dash-needs .stat-value").getText();
    assertEquals(stats.at("/total/needsRaised").asText(), needs);
    assertTrue(browser.findElement(By.tagName("h2")).getText().contains("崂山区"));
    // its region is one district: the map colours that one
    assertEquals("1", browser.findElement(By.id("dash-map")).getAttribute("data-rendered"));
    assertTrue(browser.findElement(By.id("dash-map")).getAttribute("aria-label").contains("崂山区"));
    // no demo park lies in 崂山区: its ranking is empty, and says so
    assertTrue(waitFor("#dash-parks").getText().contains("本区域暂无园区年报"));
    Browser.shot(browser, "dashboard-officer-laoshan");
    Browser.signIn(browser, s.base, ADMIN, "#/dashboard");
    waitFor("#dash-map[data-rendered]");
    int districts =
        Integer.parseInt(browser.findElement(By.id("dash-map")).getAttribute("data-rendered"));
    assertTrue(districts >= 8, "the admin's map colours the city's districts: " + districts);
    JsonNode ranking =
        TestServer.ok(
            s.as(
                ADMIN,
                "GET",
                "/api/v1/parks/evaluations?year=" + (java.time.LocalDate.now().getYear() - 1),
                null));
    assertEquals(
        ranking.get("parks").asInt(),
        browser.findElements(By.cssSelector("#park-ranking tbody tr")).size());
    assertTrue(ranking.get("parks").asInt() >= 9, "the demo files a report for every park");
    new Select(browser.findElement(By.id("figure"))).selectByValue("responseRate");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(By.id("dash-map-caption"), "响应率"));
    Browser.shot(browser, "dashboard-admin-response-rate");
  }

  @Test
  void aFounderBooksARoomAndAnotherFindsTheSlotTaken() {
    Browser.signIn(browser, s.base, FOUNDER, "#/spaces");
    new Select(waitFor("#park")).selectByValue(PARK);
    WebElement form = waitFor("#booking-form");
    setTime("start", "14:00");
    setTime("end", "15:30");
    form.findElement(By.id("purpose")).sendKeys("融资路演彩排");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#booking-calendar .slot.mine")));
    assertTrue(
        browser
            .findElement(By.cssSelector("#booking-calendar .slot.mine"))
            .getText()
            .contains("14:00"));
    Browser.shot(browser, "spaces-founder-booked");

    Browser.signIn(browser, s.base, FOUNDER2, "#/spaces");
    new Select(waitFor("#park")).selectByValue(PARK);
    form = waitFor("#booking-form");
    setTime("start", "15:00");
    setTime("end", "16:00");
    form.findElement(By.id("purpose")).sendKeys("团队例会");
    form.findElement(By.cssSelector("button[type=submit]")).click();
    Browser.waitUp(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("booking-result"), "已被占用"));
    Browser.shot(browser, "spaces-slot-taken");
  }

  @Test
  void aFounderSignsUpForARecommendedEventAndCancels() {
    Browser.signIn(browser, s.base, FOUNDER, "#/events");
    WebElement first = waitFor("#event-recommended li");
    String event = first.getAttribute("data-event");
    assertTrue(first.getText().matches("(?s).*(今天|明天|\\d+ 天后).*"), first.getText());
    WebElement card = waitFor("#event-list [data-event='" + event + "']");
    Browser.click(card, "为本项目报名");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    "#event-list [data-event='" + event + "'] [data-signup='registered']")));
    // signed up: no longer recommended to it
    assertTrue(
        browser
            .findElements(By.cssSelector("#event-recommended [data-event='" + event + "']"))
            .isEmpty());
    JsonNode roster =
        TestServer.ok(s.as(ADMIN, "GET", "/api/v1/events/" + event + "/registrations", null));
    assertEquals(1, roster.get("registered").asInt());
    Browser.shot(browser, "events-founder-registered");
    Browser.click(waitFor("#event-list [data-event='" + event + "']"), "取消报名");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#event-list [data-event='" + event + "'] [data-signup='none']")));
  }

  @Test
  void theOfficerDraftsBothAllocationsAndPublishesOneWhileTheOtherGoesStale() {
    Browser.signIn(browser, s.base, OFFICER, "#/allocate");
    waitFor("#alloc-form");
    browser.findElement(By.cssSelector("#alloc-form button[type=submit]")).click();
    WebElement stable = waitFor("#alloc-result [data-mode='stable']");
    WebElement coverage = waitFor("#alloc-result [data-mode='coverage']");
    // the 崂山区 officer's cohort is its district's: every project placed or left out is there
    for (WebElement panel : List.of(stable, coverage)) {
      JsonNode draft =
          TestServer.ok(
              s.as(
                  ADMIN,
                  "GET",
                  "/api/v1/allocations/" + panel.getAttribute("data-allocation"),
                  null));
      for (JsonNode a : draft.get("assignments"))
        assertEquals(
            "laoshan",
            TestServer.ok(
                    s.as(ADMIN, "GET", "/api/v1/projects/" + a.get("projectId").asText(), null))
                .at("/location/district")
                .asText());
      assertTrue(panel.getText().contains("覆盖率"), panel.getText());
    }
    Browser.shot(browser, "allocate-officer-drafts");
    Browser.click(coverage, "发布此方案");
    Browser.waitUp(browser)
        .until(ExpectedConditions.attributeToBe(coverage, "data-published", "true"));
    // the stable draft took the same slots: publishing it now is refused, and says why
    Browser.click(stable, "发布此方案");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.textToBePresentInElement(
                stable.findElement(By.className("publish-result")), "请重新生成方案"));
    Browser.shot(browser, "allocate-stale-explained");
  }

  /** A time input filled as a person would with the keyboard. */
  static void setTime(String id, String hhmm) {
    WebElement e = browser.findElement(By.id(id));
    ((org.openqa.selenium.JavascriptExecutor) browser)
        .executeScript("arguments[0].value = arguments[1]", e, hhmm);
  }

  @Test
  void aFounderAppliesAndTheParkAcceptsInItsPage() {
    Browser.signIn(browser, s.base, FOUNDER2, "#/spaces");
    new Select(waitFor("#park")).selectByValue(PARK);
    WebElement apply = waitFor("#apply-form");
    apply.findElement(By.id("kind-office")).click();
    apply.findElement(By.id("area")).sendKeys("70");
    apply.findElement(By.cssSelector("button[type=submit]")).click();
    Browser.waitUp(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("apply-result"), "待处理"));

    Browser.signIn(browser, s.base, PARK_KEY, "#/spaces");
    WebElement card = waitFor("#applications [data-application]");
    String before = waitFor("#inventory-summary").getText();
    card.findElement(By.cssSelector("input[value='o-301']")).click();
    // the click re-renders the page: the other buttons go stale, so stop at the one
    Browser.click(card, "接收入驻");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#applications [data-status='accepted']")));
    String after = waitFor("#inventory-summary").getText();
    assertTrue(!before.equals(after), before + " → " + after);
    JsonNode park = TestServer.ok(s.as(ADMIN, "GET", "/api/v1/parks/" + PARK, null));
    JsonNode inv = TestServer.ok(s.as(ADMIN, "GET", "/api/v1/parks/" + PARK + "/spaces", null));
    assertEquals(inv.get("areaAvailable").asLong(), park.get("areaAvailable").asLong());
    Browser.shot(browser, "spaces-park-accepted");
  }
}
