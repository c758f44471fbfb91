package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.api.http.ApiKeys;
import cn.qingdao.peipao.api.http.KeyAccessControl;
import cn.qingdao.peipao.core.json.Json;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.datasets.QingdaoDataset;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
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
 * A need's life in the console, each step in the browser of the person who takes it: the founder
 * signs in with its key and raises a need, the admin assigns a mentor, the mentor answers and
 * resolves it from its queue, the founder rates the answer.
 */
@Tag("browser")
class ConsoleTicketsBrowserTest {
  @TempDir static Path dir;
  static TestServer s;
  static ChromeDriver browser;
  static String project;
  static String mentor;

  static final String ADMIN = "console-admin-key-0123456789";
  static final String FOUNDER = "console-founder-key-0123456789";
  static final String MENTOR = "console-mentor-key-0123456789";

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
    project =
        QingdaoDataset.demo(EntityType.PROJECTS, TestServer.TAXONOMY).stream()
            .filter(p -> p.path("status").asText("active").equals("active"))
            .filter(p -> p.path("consent").path("mentors").asBoolean())
            .findFirst()
            .orElseThrow()
            .get("id")
            .asText();
    for (ObjectNode m : QingdaoDataset.demo(EntityType.MENTORS, TestServer.TAXONOMY))
      if (mentor == null && m.get("services").toString().contains("\"finance\""))
        mentor = m.get("id").asText();
    String keys =
        """
        [{"name":"ops","role":"admin","key":"%s"},
         {"name":"founder","role":"founder","key":"%s","entity":"%s"},
         {"name":"mentor","role":"mentor","key":"%s","entity":"%s"}]"""
            .formatted(ADMIN, FOUNDER, project, MENTOR, mentor);
    s = TestServer.withDemoData(dir, new KeyAccessControl(ApiKeys.read(Json.parse(keys))));
    browser = Browser.start();
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (s != null) s.close();
  }

  static void signIn(String key) {
    Browser.signIn(browser, s.base, key, "#/tickets");
  }

  static WebElement ticketCard() {
    return Browser.waitUp(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#ticket-list [data-ticket]")));
  }

  static void clickIn(WebElement card, String label) {
    for (WebElement b : card.findElements(By.tagName("button")))
      if (b.getText().equals(label)) {
        b.click();
        return;
      }
    throw new AssertionError("no button " + label + " in " + card.getText());
  }

  static void waitForStatus(String status) {
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#ticket-list [data-status='" + status + "']")));
  }

  @Test
  void aNeedIsRaisedAssignedAnsweredResolvedAndRatedInTheBrowser() {
    signIn(FOUNDER);
    Browser.waitUp(browser)
        .until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-form")));
    new Select(browser.findElement(By.id("need"))).selectByValue("finance");
    browser.findElement(By.id("text")).sendKeys("需要一笔30万元的创业担保贷款");
    browser.findElement(By.cssSelector("#ticket-form button[type=submit]")).click();
    WebElement opened =
        Browser.waitUp(browser)
            .until(ExpectedConditions.presenceOfElementLocated(By.id("ticket-opened")));
    assertTrue(opened.getText().contains("金融助力陪跑团"), opened.getText());
    assertTrue(ticketCard().getText().contains("待分配"), ticketCard().getText());
    Browser.shot(browser, "tickets-founder-raised");

    signIn(ADMIN);
    WebElement card = ticketCard();
    card.findElement(By.cssSelector("input[aria-label='分配给导师编号']")).sendKeys(mentor);
    clickIn(card, "分配");
    waitForStatus("assigned");

    signIn(MENTOR);
    card = ticketCard();
    assertTrue(card.getText().contains("应于"), "the due time is shown: " + card.getText());
    card.findElement(By.cssSelector("input[aria-label='答复内容']")).sendKeys("已联系农商银行，下周面谈");
    clickIn(card, "答复");
    waitForStatus("responded");
    card = ticketCard();
    card.findElement(By.cssSelector("input[aria-label='解决内容']")).sendKeys("已获批30万元");
    clickIn(card, "解决");
    waitForStatus("resolved");
    Browser.shot(browser, "tickets-mentor-resolved");

    signIn(FOUNDER);
    card = ticketCard();
    assertTrue(card.getText().contains("结果：已获批30万元"), card.getText());
    new Select(card.findElement(By.cssSelector("select[aria-label='评分']"))).selectByValue("5");
    clickIn(card, "评分");
    Browser.waitUp(browser)
        .until(
            ExpectedConditions.textToBePresentInElementLocated(
                By.cssSelector("#ticket-list [data-ticket]"), "评分 5"));
    assertFalse(ticketCard().getText().contains("已超时"));
    Browser.shot(browser, "tickets-founder-rated");
  }
}
