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
  static final String MENTOR = "console-mentor2-key-0123456789";

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
         {"name":"f2","role":"founder","entity":"syn-p-00004","key":"%s"},
         {"name":"史导师","role":"mentor","entity":"syn-m-00021","key":"%s"}]"""
            .formatted(ADMIN, OFFICER, PARK, PARK_KEY, FOUNDER, FOUNDER2, MENTOR);
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
    assertEquals(10, districts, "the admin's map colours every one of Qingdao's 10 districts");
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
    int before = freeSlots(coverage);
    assertTrue(stable.getText().contains("未分配") || coverage.getText().contains("已分配"));
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
    // drafting again: the published assignments took their mentors' slots
    String published = coverage.getAttribute("data-allocation");
    browser.findElement(By.cssSelector("#alloc-form button[type=submit]")).click();
    Browser.waitUp(browser)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(
            d ->
                d.findElements(By.cssSelector("#alloc-result [data-mode='coverage']")).stream()
                    .anyMatch(x -> !published.equals(x.getAttribute("data-allocation"))));
    int after = freeSlots(waitFor("#alloc-result [data-mode='coverage']"));
    assertTrue(after < before, "free slots " + before + " → " + after);
  }

  static int freeSlots(WebElement panel) {
    var m = java.util.regex.Pattern.compile("剩余名额 (\\d+)").matcher(panel.getText());
    assertTrue(m.find(), panel.getText());
    return Integer.parseInt(m.group(1));
  }

  @Test
  void theOfficerRecordsOutreachAndOpensAProjectsPage() {
    Browser.signIn(browser, s.base, OFFICER, "#/outreach");
    WebElement row = waitFor("#outreach-table [data-project]");
    String project = row.getAttribute("data-project");
    Browser.click(row, "已联系");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(
                    "#outreach-table [data-project='" + project + "'] [data-step='contacted']")));
    Browser.shot(browser, "outreach-officer");
    // the project's own page: its fields and its history
    browser.get(s.base + "/#/entity/projects/" + project);
    browser.navigate().refresh();
    waitFor("#entity-fields");
    assertTrue(waitFor("#entity-history").getText().contains("变更记录"));
    Browser.shot(browser, "entity-project");
  }

  /** At a phone's width (390×844) no page scrolls sideways, and the map still draws. */
  @Test
  void everyPageFitsAPhonesWidth() {
    try {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(390, 844));
      for (String[] visit :
          new String[][] {
            {ADMIN, "#/dashboard", "#dash-map[data-rendered]"},
            {ADMIN, "#/ledger", "#ledger-chart[data-rendered]"},
            {OFFICER, "#/allocate", "#alloc-form"},
            {FOUNDER, "#/spaces", "#booking-calendar"},
            {FOUNDER, "#/events", "#event-list .cards"},
            {FOUNDER, "#/calculator", "form"},
          }) {
        Browser.signIn(browser, s.base, visit[0], visit[1]);
        waitFor(visit[2]);
        long overflow =
            ((Number)
                    ((org.openqa.selenium.JavascriptExecutor) browser)
                        .executeScript(
                            "return document.documentElement.scrollWidth - window.innerWidth;"))
                .longValue();
        assertTrue(overflow <= 1, visit[1] + " scrolls sideways by " + overflow + " px");
      }
      Browser.shot(browser, "phone-calculator");
    } finally {
      browser.manage().window().setSize(new org.openqa.selenium.Dimension(1280, 800));
    }
  }

  @Test
  void theDashboardsWeightAndTimeToInteractiveAreMeasured() throws Exception {
    Browser.signIn(browser, s.base, ADMIN, "#/calculator");
    // a fresh page load of the dashboard, timed from navigation start by the page itself
    browser.get(s.base + "/?weight=1#/dashboard");
    WebElement map = waitFor("#dash-map[data-rendered-at]");
    long interactive = Long.parseLong(map.getAttribute("data-rendered-at"));
    @SuppressWarnings("unchecked")
    java.util.Map<String, Object> weight =
        (java.util.Map<String, Object>)
            ((org.openqa.selenium.JavascriptExecutor) browser)
                .executeScript(
                    "const r = performance.getEntriesByType('resource');"
                        + "const n = performance.getEntriesByType('navigation')[0];"
                        + "return {requests: r.length + 1,"
                        + " bytes: r.reduce((a, x) => a + x.decodedBodySize, n.decodedBodySize)};");
    long requests = ((Number) weight.get("requests")).longValue();
    long bytes = ((Number) weight.get("bytes")).longValue();
    assertTrue(bytes > 100_000, "the page and its assets were measured: " + bytes);
    String line =
        String.format(
            "dashboard (admin, demo data, 1280x800, loopback): %d requests, %.0f KB decoded,"
                + " map rendered %d ms after navigation start%n",
            requests, bytes / 1024.0, interactive);
    System.out.print(line);
    java.nio.file.Files.writeString(
        Browser.SHOTS.resolve("dashboard-weight.txt"),
        line,
        java.nio.charset.StandardCharsets.UTF_8);
  }

  @Test
  void aMentorTakesOnASuitableProjectSeesItsGrowthAndLogsASession() {
    Browser.signIn(browser, s.base, MENTOR, "#/mentor");
    waitFor("#mentor-suitable [data-project]");
    // a suitable project without a mentor yet (other tests may have placed some)
    WebElement first =
        browser.findElements(By.cssSelector("#mentor-suitable [data-project]")).stream()
            .filter(
                c ->
                    !TestServer.ok(
                            s.as(
                                ADMIN,
                                "GET",
                                "/api/v1/projects/"
                                    + c.getAttribute("data-project")
                                    + "/assignments",
                                null))
                        .toString()
                        .contains("\"mentors\""))
            .findFirst()
            .orElseThrow();
    String project = first.getAttribute("data-project");
    // another suitable project is not for this mentor: it leaves the list for good
    String declined =
        browser.findElements(By.cssSelector("#mentor-suitable [data-project]")).stream()
            .map(c -> c.getAttribute("data-project"))
            .filter(id -> !id.equals(project))
            .findFirst()
            .orElseThrow();
    Browser.click(waitFor("#mentor-suitable [data-project='" + declined + "']"), "暂不考虑");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.invisibilityOfElementLocated(
                By.cssSelector("#mentor-suitable [data-project='" + declined + "']")));
    Browser.click(waitFor("#mentor-suitable [data-project='" + project + "']"), "愿意辅导");
    // the accept made the accompaniment: the project is now among the mentor's, with its chart
    WebElement chart =
        Browser.waitUp(browser)
            .until(ExpectedConditions.presenceOfElementLocated(By.id("growth-" + project)));
    JsonNode assignments =
        TestServer.ok(s.as(ADMIN, "GET", "/api/v1/mentors/syn-m-00021/assignments", null));
    assertTrue(assignments.toString().contains(project), assignments.toString());
    Browser.waitUp(browser)
        .until(d -> chart.getAttribute("data-rendered") != null || chart.getText().contains("未同意"));
    new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("s-project")))
        .selectByValue(project);
    browser.findElement(By.id("s-topic")).sendKeys("融资辅导");
    browser.findElement(By.cssSelector("#session-form button[type=submit]")).click();
    Browser.waitUp(browser)
        .until(ExpectedConditions.textToBePresentInElementLocated(By.id("session-list"), "融资辅导"));
    Browser.shot(browser, "mentor-workbench");
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
    assertTrue(waitFor("#park-incoming").getText().contains("适合入驻"));
    waitFor("#park-tenants");
    Browser.shot(browser, "spaces-park-accepted");
  }
}
