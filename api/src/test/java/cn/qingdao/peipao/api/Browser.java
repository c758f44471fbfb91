package cn.qingdao.peipao.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Debian's Chromium, headless, for the console tests; screenshots under target/screenshots. */
final class Browser {
  static final Path SHOTS = Path.of("target", "screenshots");

  private Browser() {}

  static ChromeDriver start() {
    try {
      Files.createDirectories(SHOTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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
    return new ChromeDriver(service, options);
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

  static void shot(ChromeDriver browser, String name) {
    if (browser == null) return;
    try {
      Files.write(SHOTS.resolve(name + ".png"), browser.getScreenshotAs(OutputType.BYTES));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (RuntimeException e) {
      // a browser that died cannot take its picture; the failure itself is reported
    }
  }

  private static int visits;

  /**
   * Signs in through the login page, as a person pastes a key, then opens {@code page} (a hash
   * route). Each visit is a new URL, so a whole new page (a hash change alone would keep the old
   * one); visiting 登录 while signed in signs out first, and the form is then empty.
   */
  static void signIn(ChromeDriver browser, String base, String key, String page) {
    browser.get(base + "/?visit=" + (++visits) + "#/login");
    waitUp(browser)
        .until(
            org.openqa.selenium.support.ui.ExpectedConditions.presenceOfElementLocated(
                org.openqa.selenium.By.id("login-form")));
    browser.findElement(org.openqa.selenium.By.id("key")).sendKeys(key);
    browser
        .findElement(org.openqa.selenium.By.cssSelector("#login-form button[type=submit]"))
        .click();
    waitUp(browser)
        .until(org.openqa.selenium.support.ui.ExpectedConditions.urlContains("#/search"));
    browser.get(base + "/" + page);
  }

  /**
   * Clicks the button labelled {@code label} inside {@code within}. Only that one: a click that
   * re-renders the page leaves the other buttons stale.
   */
  static void click(org.openqa.selenium.WebElement within, String label) {
    within.findElements(org.openqa.selenium.By.tagName("button")).stream()
        .filter(b -> b.getText().equals(label))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no button " + label + " in " + within.getText()))
        .click();
  }

  static WebDriverWait waitUp(ChromeDriver browser) {
    return new WebDriverWait(browser, Duration.ofSeconds(15));
  }
}
