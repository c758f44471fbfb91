package cn.qingdao.peipao.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
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
  static WebDriver browser;
  static final Path SHOTS = Path.of("target", "screenshots");

  @RegisterExtension
  static final TestWatcher ON_FAILURE =
      new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
          shot("FAILED-" + context.getRequiredTestMethod().getName());
        }
      };

  @BeforeAll
  static void start() throws IOException {
    s = TestServer.withDemoData(dir);
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(find("CHROMIUM", "/usr/bin/chromium"));
    // CI runs as root: Chromium then needs --no-sandbox; /dev/shm is small in containers
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--lang=zh-CN");
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(Path.of(find("CHROMEDRIVER", "/usr/bin/chromedriver")).toFile())
            .build();
    browser = new ChromeDriver(service, options);
  }

  /** An executable from the environment or its Debian path; says how to install it otherwise. */
  static String find(String env, String debianPath) {
    String path = Optional.ofNullable(System.getenv(env)).orElse(debianPath);
    if (!Files.isExecutable(Path.of(path)))
      throw new IllegalStateException(
          path
              + " not found: the console tests need Debian's chromium and chromium-driver"
              + " (apt-get install chromium chromium-driver fonts-noto-cjk; .ci/run does it), or "
              + env
              + " set to the executable");
    return path;
  }

  @AfterAll
  static void stop() {
    if (browser != null) browser.quit();
    if (s != null) s.close();
  }

  static void shot(String name) {
    if (browser == null) return;
    try {
      byte[] png = ((ChromeDriver) browser).getScreenshotAs(OutputType.BYTES);
      Files.write(SHOTS.resolve(name + ".png"), png);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // a browser that died cannot take its picture; the failure itself is reported
    }
  }

  static WebDriverWait waitUp() {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }

  static void open(String hash) {
    browser.get(s.base + "/" + hash);
    browser.navigate().refresh(); // a fresh page for every test, whatever the last one left
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

  @Test
  void recommendationsShowEachComponentAsABarWithTheReasons() {
    open("#/recommend");
    waitUp().until(ExpectedConditions.presenceOfElementLocated(By.id("rec-form")));
    browser.findElement(By.id("project")).sendKeys("syn-p-00112");
    browser.findElement(By.cssSelector("#rec-form button[type=submit]")).click();
    WebElement first =
        waitUp()
            .until(
                ExpectedConditions.presenceOfElementLocated(By.cssSelector("#rec-result .card")));
    assertFalse(first.findElements(By.cssSelector(".bar .fill")).isEmpty(), "component bars");
    assertTrue(first.getText().contains("行业"), first.getText());
    assertFalse(first.findElements(By.cssSelector("ul li")).isEmpty(), "reasons");
    shot("recommend-mentors");
  }
}
