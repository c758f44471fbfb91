package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's Chromium, headless, through Selenium) against a real
 * server with the demo data: what a founder, a newcomer and an officer do on each page. Every test
 * saves a screenshot under {@code target/screenshots/}, and so does a failing one.
 */
@Tag("browser")
class ConsoleBrowserTest {
  @TempDir static Path dir;
  static TestServer s;
  static ChromeDriver browser;

  @RegisterExtension
  static final TestWatcher ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          shot("FAILED-" + context.getRequiredTestMethod().getName());
        }
      };

  @BeforeAll
  static void start() {
    s = TestServer.withDemoData(dir);
    cn.qingdao.peipao.index.tickets.DemoActivity.generate(
        s.catalog,
        TestServer.TAXONOMY,
        cn.qingdao.peipao.index.tickets.TicketSla.defaults(TestServer.TAXONOMY),
        cn.qingdao.peipao.datasets.QingdaoDataset.DEMO_SEED,
        java.time.Instant.now());
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (s != null) s.close();
  }

  static void shot(String name) {
    Browser.shot(browser, name);
  }

  static WebDriverWait waitUp() {
    return Browser.waitUp(browser);
  }

  static int visits;

  /** A fresh page for every test, whatever the last one left (a new URL, not a hash change). */
  static void open(String hash) {
    browser.get(s.base + "/?visit=" + (++visits) + hash);
  }

  static WebElement card(String policyId) {
    return waitUp()
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#calc-result [data-policy='" + policyId + "']")));
  }

  static void fillGraduateIn(String city, String district) {
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("calc-form")));
    new Select(browser.findElement(By.id("stage"))).selectByValue("seed");
    new Select(browser.findElement(By.id("city"))).selectByValue(city);
    if (district != null)
      new Select(browser.findElement(By.id("district"))).selectByValue(district);
    browser.findElement(By.id("groups-college_graduate")).click();
    browser.findElement(By.id("graduationYear")).sendKeys("2025");
    browser.findElement(By.id("employees")).sendKeys("4");
    new Select(browser.findElement(By.id("inPark"))).selectByValue("yes");
  }

  @Test
  void aGraduateIn市北SeesThePersonalLoanEligibleAndTheSmallFirmLoanPartial() {
    open("#/calculator");
    fillGraduateIn("370200", "shibei");
    browser.findElement(By.cssSelector("#calc-form button[type=submit]")).click();
    WebElement personal = card("pol-cdb-personal");
    assertTrue(personal.getText().contains("可申请"), personal.getText());
    assertTrue(personal.getText().contains("最高 30 万元"), personal.getText());
    WebElement smallFirm = card("pol-cdb-smallfirm");
    assertTrue(smallFirm.getText().contains("部分符合"), smallFirm.getText());
    assertTrue(smallFirm.getText().contains("属于小微企业"), "says what is missing");
    // the source sentence is one click away
    personal.findElement(By.tagName("summary")).click();
    assertTrue(personal.getText().contains("原文：优化创业担保贷款政策"), personal.getText());
    assertTrue(
        browser.findElement(By.id("calc-counts")).getText().startsWith("截至"),
        "the counts say as of when");
    shot("calculator-graduate-shibei");
  }

  @Test
  void aFounderIn济南IsToldNoQingdaoPolicyFits() {
    open("#/calculator");
    fillGraduateIn("370100", "370102");
    browser.findElement(By.cssSelector("#calc-form button[type=submit]")).click();
    WebElement personal = card("pol-cdb-personal");
    assertTrue(personal.getText().contains("不符合"), personal.getText());
    assertTrue(personal.getText().contains("适用区域：青岛市"), personal.getText());
    for (WebElement c : browser.findElements(By.cssSelector("#calc-result .card.eligible")))
      assertFalse(c.getText().contains("青岛"), "a Qingdao policy shown eligible: " + c.getText());
    shot("calculator-jinan");
  }

  @Test
  void badInputIsShownInChineseNextToItsField() {
    open("#/calculator");
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("calc-form")));
    browser.findElement(By.id("graduationYear")).sendKeys("3000");
    browser.findElement(By.cssSelector("#calc-form button[type=submit]")).click();
    WebElement error =
        waitUp()
            .until(ExpectedConditions.visibilityOfElementLocated(By.id("graduationYear-error")));
    waitUp().until(ExpectedConditions.textToBePresentInElement(error, "之间"));
    assertTrue(error.getText().contains("2100"), error.getText());
    shot("calculator-bad-input");
  }

  @Test
  void searchFinds数字经济ProjectsWithTheirSectors() {
    open("#/search");
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("search-form")));
    browser.findElement(By.id("q")).sendKeys("数字经济");
    browser.findElement(By.cssSelector("#search-form button[type=submit]")).click();
    WebElement total =
        waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("search-total")));
    assertTrue(total.getText().matches("共 \\d+ 条"), total.getText());
    List<WebElement> hits = browser.findElements(By.cssSelector("#search-result ol.results li"));
    assertEquals(20, hits.size());
    assertTrue(hits.get(0).getText().contains("新一代信息技术"), hits.get(0).getText());
    shot("search-digital-economy");
  }

  /** The recommendation page, asked for {@code project}'s mentors as a user would. */
  static void askForRecommendations(String project) {
    open("#/recommend");
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("rec-form")));
    browser.findElement(By.id("project")).sendKeys(project);
    browser.findElement(By.cssSelector("#rec-form button[type=submit]")).click();
  }

  @Test
  void recommendationsShowEachComponentAsABarWithTheReasons() {
    askForRecommendations("syn-p-00112");
    WebElement first =
        waitUp()
            .until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rec-result .card")));
    assertFalse(first.findElements(By.cssSelector(".bar .fill")).isEmpty(), "component bars");
    assertTrue(first.getText().contains("行业"), first.getText());
    assertFalse(first.findElements(By.cssSelector("ul li")).isEmpty(), "reasons");
    shot("recommend-mentors");
  }

  @Test
  void whatProjectsLikeThisDidShowsAsABarAndAReason() {
    // four projects alike; three met the mentor the first one sees fifth
    for (int i = 0; i <= 3; i++)
      assertEquals(
          201,
          s.json("PUT", "/api/v1/projects/br-p-" + i, TestServer.projectJson("br-p-" + i))
              .status());
    String mentor =
        TestServer.ok(s.get("/api/v1/projects/br-p-0/recommendations?target=mentors&limit=10"))
            .at("/items/4/id")
            .asText();
    for (int i = 1; i <= 3; i++)
      assertEquals(
          201,
          s.json(
                  "POST",
                  "/api/v1/feedback",
                  ("{\"subjectType\":\"projects\",\"subjectId\":\"br-p-%d\",\"targetType\":\"mentors\","
                          + "\"targetId\":\"%s\",\"action\":\"meeting_held\"}")
                      .formatted(i, mentor))
              .status());
    s.services.relations().refresh(cn.qingdao.peipao.core.model.EntityType.MENTORS);
    askForRecommendations("br-p-0");
    WebElement card =
        waitUp()
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#rec-result .card[data-id='" + mentor + "']")));
    assertTrue(card.getText().contains("与您相似的项目曾由该导师辅导"), card.getText());
    assertTrue(card.getText().contains("相似项目"), card.getText());
    assertFalse(
        card.findElements(By.cssSelector("[aria-label='相似项目 100%']")).isEmpty(),
        "the related bar full, named for screen readers");
    browser.executeScript("arguments[0].scrollIntoView()", card);
    shot("recommend-related");
  }

  @Test
  void theLedgerChartsTheYearWithItsTable() {
    open("#/ledger");
    WebElement chart =
        waitUp()
            .until(
                ExpectedConditions.presenceOfElementLocated(
                    By.cssSelector("#ledger-chart[data-rendered]")));
    assertTrue(Integer.parseInt(chart.getDomAttribute("data-rendered")) >= 12, "a bar per month");
    assertFalse(chart.findElements(By.tagName("canvas")).isEmpty(), "ECharts drew on a canvas");
    String summary = browser.findElement(By.id("ledger-summary")).getText();
    // the default period is this month and the eleven before it (Beijing time): its needs are
    // what the API counts for it, whatever day the test runs
    long raised = TestServer.ok(s.get("/api/v1/stats")).at("/total/needsRaised").asLong();
    assertTrue(raised > 0, "the synthetic year has needs in the period");
    assertTrue(summary.contains("响应率") && summary.contains("需求 " + raised + " 项"), summary);
    List<WebElement> rows = browser.findElements(By.cssSelector("#ledger-table tbody tr"));
    assertTrue(rows.size() >= 13, "months and 合计: " + rows.size());
    assertTrue(rows.get(rows.size() - 1).getText().startsWith("合计"));
    shot("ledger-month");
  }
}
