package dev.parley.bot.inbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.parley.bot.handoff.HandoffStatus;
import dev.parley.core.Recipient;
import dev.parley.core.conversation.Profile;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The agent inbox in a real browser (headless Chromium) against a real bot server: signing in,
 * the queue filling up live, claiming, replying to the platform, handing back, refunds with a
 * confirmation, customer text that stays text, and the phone layout. One browser and one server
 * for the class (a browser takes seconds to start); each test uses its own customers. With
 * {@code PARLEY_SCREENSHOTS_DIR} set, the main screens are saved there.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InboxBrowserTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);
  private static Chromium chromium;
  private static ChromeDriver driver;
  private static InboxWorld world;
  private static StripeSandbox stripe;

  @BeforeAll
  static void start() {
    chromium = Chromium.start(1280, 800);
    driver = chromium.driver;
    stripe = new StripeSandbox();
    world = new InboxWorld(stripe);
    // Others waiting meanwhile, as in any support team's morning.
    world.whatsAppCustomerWrites("33755501234", "Jean Dupont", "Bonjour");
    world.whatsAppCustomerWrites("33755501234", "Jean Dupont", "Je voudrais parler à un conseiller");
    world.messengerCustomerWrites("7100", "My card was declined twice, can someone help?");
    named(InboxWorld.messenger("7100"), "Sam Okafor");
  }

  @AfterAll
  static void stop() {
    if (chromium != null) {
      chromium.close();
    }
    if (world != null) {
      world.close();
    }
    if (stripe != null) {
      stripe.close();
    }
  }

  @BeforeEach
  void desktop() {
    viewport(1280, 800);
  }

  @Test
  @Order(1)
  void aWrongTokenIsRefusedAndTheRightOneOpensTheInbox() {
    driver.get(world.url("/inbox"));
    driver.manage().deleteAllCookies();
    driver.navigate().refresh();
    WebElement token = waitVisible(By.id("signin-token"));
    screenshot("sign-in");

    token.sendKeys("not-a-token-of-any-agent");
    token.sendKeys(Keys.ENTER);
    WebElement error = waitVisible(By.id("signin-error"));
    assertEquals("That token was not accepted. Check it and try again.", error.getText());
    assertFalse(driver.findElement(By.id("app")).isDisplayed(), "the inbox stays closed");
    assertNull(driver.manage().getCookieNamed("parley_inbox"), "no session for a wrong token");

    token.sendKeys(InboxWorld.ALICE_TOKEN);
    token.sendKeys(Keys.ENTER);
    waitVisible(By.id("app"));
    assertEquals("alice", driver.findElement(By.id("agent-name")).getText());
    assertEquals("", token.getAttribute("value"), "the token does not linger in the form");
    Cookie session = driver.manage().getCookieNamed("parley_inbox");
    assertTrue(session.isHttpOnly(), "the page's scripts cannot read the session");
    assertEquals("Strict", session.getSameSite());
    assertFalse(session.getValue().contains(InboxWorld.ALICE_TOKEN), "the cookie holds a session id, not the token");
    Object stored = driver.executeScript("return localStorage.length + sessionStorage.length");
    assertEquals(0L, stored, "nothing is kept in web storage");
  }

  @Test
  @Order(2)
  void aConversationTheBotHandsOffShowsInTheQueueWithinTwoSeconds() {
    signIn();
    Recipient grace = greetedMessengerCustomer("7001", "Grace Hopper");

    world.messengerCustomerWrites("7001", "I want to talk to a person please");
    awaitServer(() -> world.handoffs.record(grace).status() == HandoffStatus.WAITING);
    WebElement row = new WebDriverWait(driver, Duration.ofSeconds(2), Duration.ofMillis(50))
        .until(ExpectedConditions.visibilityOfElementLocated(row(grace)));

    assertTrue(row.getText().contains("Grace Hopper"), row.getText());
    assertTrue(row.getText().contains("Messenger"), row.getText());
    assertTrue(row.getText().contains("asked for a person"), row.getText());
    assertEquals("just now", row.findElement(By.cssSelector(".row-time")).getText());

    world.messengerCustomerWrites("7001", "Are you there?");
    WebElement unread = waitVisible(By.cssSelector(css(grace) + " .badge-unread"));
    assertEquals("1", unread.getText(), "a message while waiting counts as unread");
    waitText(By.cssSelector(css(grace) + " .row-preview"), "Are you there?");
    screenshot("queue");
  }

  @Test
  @Order(3)
  void anAgentClaimsAndRepliesAndTheReplyReachesThePlatform() {
    signIn();
    Recipient ada = InboxWorld.messenger("7003");
    world.messengerCustomerWrites("7003", "Hi, where is my parcel?");
    awaitBotReplied(ada);
    named(ada, "Ada Lovelace");
    world.messengerCustomerWrites("7003", "Can I speak to a human?");
    WebElement row = waitVisible(row(ada));

    row.findElement(By.cssSelector("[data-action='claim']")).click();
    waitText(By.cssSelector("[data-role='owner']"), "With you");
    assertEquals("Ada Lovelace", text(By.cssSelector("[data-role='customer-name']")));
    List<String> transcript = texts(By.cssSelector(".messages .message"));
    assertTrue(transcript.get(0).contains("Hi, where is my parcel?") && transcript.get(0).contains("Messenger"),
        transcript.toString());
    assertTrue(transcript.get(1).contains("Bot") && transcript.get(1).contains("track your orders"),
        transcript.toString());
    assertTrue(world.awaitDelivered(body -> InboxWorld.text(body).contains("alice from our team")).isPresent(),
        () -> "the customer is told who joined: " + world.delivered);

    WebElement reply = driver.findElement(By.id("reply-text"));
    reply.sendKeys("Hello Ada, I'm Alice. Let me check your parcel.");
    reply.sendKeys(Keys.ENTER);

    JsonObject sent = world.awaitDelivered(body -> InboxWorld.text(body).equals(
        "Hello Ada, I'm Alice. Let me check your parcel.")).orElseThrow(() -> new AssertionError(
        "the reply never reached the platform: " + world.delivered));
    assertEquals("7003", sent.getAsJsonObject("recipient").get("id").getAsString());
    waitText(By.cssSelector(".messages .from-agent:last-child"), "Let me check your parcel.");
    assertEquals("", reply.getAttribute("value"));

    world.messengerCustomerWrites("7003", "Thank you! It is order A-1042.");
    waitText(By.cssSelector(".messages .from-customer:last-child"), "It is order A-1042.");
  }

  @Test
  @Order(4)
  void handingBackGivesTheConversationToTheBot() {
    signIn();
    Recipient linus = greetedMessengerCustomer("7004", "Linus Pauling");
    world.messengerCustomerWrites("7004", "Can I talk to someone?");
    claimFromQueue(linus);

    click(By.cssSelector(".conv-actions [data-action='hand-back']"));

    waitText(By.cssSelector("[data-role='owner']"), "With the bot");
    assertEquals(HandoffStatus.BOT, world.handoffs.record(linus).status());
    assertTrue(world.store.ownership(linus).owner().isBot());
    assertTrue(driver.findElements(By.cssSelector(".conv-actions [data-action='hand-back']")).isEmpty());
    world.messengerCustomerWrites("7004", "Where is my order?");
    waitText(By.cssSelector(".messages .from-bot:last-child"), "track your orders");
  }

  @Test
  @Order(5)
  void aPartialRefundGoesThroughTheConfirmationStep() {
    signIn();
    Recipient marie = greetedMessengerCustomer("7005", "Marie Curie");
    stripe.paidOrder(marie, "Marie Curie", "A-1042", "Blue cashmere scarf", "42.00");
    world.messengerCustomerWrites("7005", "My scarf arrived torn, I want a person");
    claimFromQueue(marie);
    WebElement order = waitVisible(By.cssSelector(".order[data-order='A-1042']"));
    assertTrue(order.getText().contains("Paid") && order.getText().contains("€42.00"), order.getText());

    order.findElement(By.cssSelector("[data-action='refund']")).click();
    waitVisible(By.id("refund-dialog"));
    driver.findElement(By.cssSelector("#refund-dialog input[value='partial']")).click();
    driver.findElement(By.id("refund-amount")).sendKeys("50");
    driver.findElement(By.cssSelector("[data-action='review-refund']")).click();
    waitText(By.cssSelector("#refund-dialog .form-error"), "more than the €42.00");
    assertEquals(0, stripe.refundRequests(), "nothing is refunded before the confirmation");

    WebElement amount = driver.findElement(By.id("refund-amount"));
    amount.clear();
    amount.sendKeys("10");
    driver.findElement(By.id("refund-reason")).sendKeys("Damaged in transit");
    driver.findElement(By.cssSelector("[data-action='review-refund']")).click();
    WebElement summary = waitVisible(By.cssSelector("[data-role='refund-summary']"));
    assertEquals("Refund €10.00 to Marie Curie?", summary.getText());
    assertEquals(0, stripe.refundRequests(), "still nothing refunded: the agent has not confirmed");
    screenshot("refund-confirmation");

    driver.findElement(By.cssSelector("[data-action='confirm-refund']")).click();

    waitText(By.cssSelector(".order[data-order='A-1042'] [data-role='payment-state']"), "Partly refunded");
    assertEquals(1, stripe.refundRequests());
    assertEquals("1000", stripe.lastRefundForm().get("amount"), "Stripe was asked for €10.00 in cents");
    assertFalse(driver.findElement(By.id("refund-dialog")).isDisplayed());
    assertTrue(driver.findElement(By.cssSelector(".order[data-order='A-1042']")).getText().contains("€10.00"));
  }

  @Test
  @Order(6)
  void customerHtmlIsShownAsTextAndRunsNothing() {
    signIn();
    driver.executeScript("window.__alerts = []; window.alert = m => window.__alerts.push(String(m));");
    Recipient mallory = InboxWorld.whatsApp("447700900123");
    String name = "<b onmouseover=alert(2)>Mallory</b>";
    world.whatsAppCustomerWrites("447700900123", name, "Hi");
    awaitBotReplied(mallory);
    world.whatsAppCustomerWrites("447700900123", name, "I need a human");
    claimFromQueue(mallory);

    world.whatsAppCustomerWrites("447700900123", name, "<img src=x onerror=alert(1)>");
    WebElement message = waitText(By.cssSelector(".messages .from-customer:last-child .message-text"),
        "<img src=x onerror=alert(1)>");

    assertEquals("<img src=x onerror=alert(1)>", message.getText(), "the literal text is on screen");
    assertEquals(name, text(By.cssSelector("[data-role='customer-name']")));
    assertTrue(driver.findElements(By.cssSelector("#app img:not(.brand img), #app b")).isEmpty(),
        "no element was made from the customer's text");
    assertEquals(List.of(), driver.executeScript("return window.__alerts"), "nothing ran");
    assertFalse(ExpectedConditions.alertIsPresent().apply(driver) != null, "no alert is open");
  }

  @Test
  @Order(7)
  void atPhoneWidthOnePaneShowsAtATime() {
    signIn();
    Recipient rosalind = greetedMessengerCustomer("7007", "Rosalind Franklin");
    world.messengerCustomerWrites("7007", "Can a person help me with a return?");
    waitVisible(row(rosalind));
    driver.get(world.url("/inbox"));
    viewport(390, 844);

    WebElement list = waitVisible(row(rosalind));
    assertFalse(driver.findElement(By.id("conversation")).isDisplayed(), "the list alone at first");
    assertNoHorizontalScroll();
    screenshot("phone-queue");

    list.findElement(By.cssSelector(".row-open")).click();
    waitText(By.cssSelector("[data-role='customer-name']"), "Rosalind Franklin");
    assertFalse(driver.findElement(By.cssSelector(".sidebar")).isDisplayed(), "the conversation replaces the list");
    assertTrue(driver.findElement(By.id("reply-text")).isDisplayed());
    assertNoHorizontalScroll();
    screenshot("phone-conversation");

    click(By.cssSelector(".conv-header [data-action='details']"));
    waitVisible(By.cssSelector("#details [data-section='customer']"));
    driver.findElement(By.cssSelector("#details .details-head button")).click();
    waitVisible(By.id("reply-text"));
    click(By.cssSelector(".conv-header .back"));
    waitVisible(row(rosalind));
    assertFalse(driver.findElement(By.id("conversation")).isDisplayed());
  }

  @Test
  @Order(8)
  void anAgentOpensAndCompletesATaskAndSendsAPaymentButton() {
    signIn();
    Recipient chiara = greetedMessengerCustomer("7008", "Chiara Rossi");
    stripe.paidOrder(chiara, "Chiara Rossi", "A-2077", "Silk scarf, navy", "58.00");
    world.messengerCustomerWrites("7008", "Here is the scarf I saw in your window", "https://cdn.example/photos/scarf.jpg");
    world.messengerCustomerWrites("7008", "Could a person find it in red and gift-wrap it for Friday?");
    claimFromQueue(chiara);
    WebElement attachment = waitVisible(By.cssSelector(".messages a.attachment"));
    assertEquals("https://cdn.example/photos/scarf.jpg", attachment.getAttribute("href"));
    assertEquals("noopener noreferrer", attachment.getAttribute("rel"));

    driver.findElement(By.cssSelector("[data-draft='task-open'] summary")).click();
    new org.openqa.selenium.support.ui.Select(driver.findElement(By.cssSelector("[data-draft='task-kind']")))
        .selectByValue("purchase");
    driver.findElement(By.cssSelector("[data-draft='task-what']")).sendKeys("The silk scarf in red, gift-wrapped");
    driver.findElement(By.cssSelector("[data-draft='task-when']")).sendKeys("Friday");
    driver.findElement(By.cssSelector("[data-draft='task-budget']")).sendKeys("80");
    driver.findElement(By.cssSelector("[data-form='task-create'] button[type='submit']")).click();
    WebElement task = waitVisible(By.cssSelector("#details .task[data-status='new']"));
    String number = task.getAttribute("data-task");
    assertTrue(world.awaitDelivered(body -> InboxWorld.text(body).contains("#" + number)).isPresent(),
        "the customer is given the task's number");

    task.findElement(By.cssSelector("[data-action='task-claim']")).click();
    waitText(By.cssSelector("#details .task[data-task='" + number + "'] [data-role='task-status']"), "In progress");

    driver.findElement(By.cssSelector("[data-draft='pay-open'] summary")).click();
    driver.findElement(By.cssSelector("[data-draft='pay-amount']")).sendKeys("64.50");
    driver.findElement(By.cssSelector("[data-draft='pay-description']")).sendKeys("Red silk scarf, gift-wrapped");
    driver.findElement(By.cssSelector("[data-form='payment-button'] button[type='submit']")).click();
    JsonObject button = world.awaitDelivered(body -> body.toString().contains("checkout.stripe.com"))
        .orElseThrow(() -> new AssertionError("no payment button reached the platform: " + world.delivered));
    assertTrue(button.toString().contains("€64.50"), button.toString());
    waitVisible(By.cssSelector(".order[data-order^='P-']"));
    screenshot("conversation");

    driver.findElement(By.cssSelector("[data-draft='complete-open-" + number + "'] summary")).click();
    driver.findElement(By.cssSelector("[data-draft='outcome-" + number + "']"))
        .sendKeys("Found in red; it is wrapped and ready for Friday.");
    driver.findElement(By.cssSelector("#details .task[data-task='" + number + "'] [data-form='task-complete'] button"))
        .click();
    waitText(By.cssSelector("#details .task[data-task='" + number + "'] [data-role='task-status']"), "Done");
    assertTrue(world.awaitDelivered(body -> InboxWorld.text(body).contains("wrapped and ready for Friday")).isPresent(),
        "the customer reads the outcome");
  }

  @Test
  @Order(9)
  void theElementHelperRefusesAStringAsAnEventHandler() {
    signIn();
    String results = (String) driver.executeAsyncScript("""
        const done = arguments[arguments.length - 1];
        import('/inbox/assets/dom.js').then(dom => {
          window.__ran = [];
          const results = {};
          for (const key of ['onclick', 'ONCLICK', 'onMouseOver']) {
            try {
              const node = dom.el('button', { [key]: 'window.__ran.push("' + key + '")' }, 'x');
              results[key] = 'made, ' + key + '=' + node.getAttribute(key);
            } catch (e) {
              results[key] = e instanceof TypeError ? 'refused' : 'threw ' + e;
            }
          }
          const button = dom.el('button', { onclick: () => window.__ran.push('function') }, 'y');
          document.body.append(button);
          button.click();
          button.remove();
          results.ran = window.__ran.join(',');
          done(JSON.stringify(results));
        }, e => done('import failed: ' + e));
        """);

    assertEquals("{\"onclick\":\"refused\",\"ONCLICK\":\"refused\",\"onMouseOver\":\"refused\",\"ran\":\"function\"}",
        results);
  }

  @Test
  @Order(10)
  void aWhatsAppCustomersPhotoAndInvoiceOpenWithTheirOwnBytes() throws Exception {
    signIn();
    Recipient zoe = InboxWorld.whatsApp("33611112222");
    world.whatsAppCustomerWrites("33611112222", "Zoé Martin", "Hello");
    awaitBotReplied(zoe);
    world.whatsAppCustomerWrites("33611112222", "Zoé Martin", "I need a human");
    claimFromQueue(zoe);
    java.nio.file.Path downloads = java.nio.file.Files.createTempDirectory("inbox-downloads");
    driver.executeCdpCommand("Browser.setDownloadBehavior", java.util.Map.of("behavior", "allow", "downloadPath",
        downloads.toString()));
    byte[] photo = onePixelPng();
    byte[] invoice = "%PDF-1.7 invoice A-1001 for Zoé".getBytes(java.nio.charset.StandardCharsets.UTF_8);

    world.whatsAppCustomerSendsFile("33611112222", "Zoé Martin", "image", "1037543291543636", "image/png", photo, null);
    world.whatsAppCustomerSendsFile("33611112222", "Zoé Martin", "document", "2047543291543637", "application/pdf",
        invoice, "Facture A-1001.pdf");
    WebElement photoButton = waitText(By.cssSelector(".messages button.attachment"), "Image");
    waitText(By.cssSelector(".messages .from-customer:last-child button.attachment"), "Facture A-1001.pdf");

    photoButton.click();
    WebElement saved = waitVisible(By.cssSelector(".messages a.attachment-saved[download='image-1037543291543636.png']"));
    assertTrue(saved.getAttribute("href").startsWith("blob:"), saved.getAttribute("href"));
    assertArrayEquals(photo, downloaded(downloads.resolve("image-1037543291543636.png")),
        "the agent saved the customer's photo, byte for byte");
    WebElement preview = waitVisible(By.cssSelector(".messages img.attachment-preview"));
    assertEquals(1L, driver.executeScript("return arguments[0].naturalWidth", preview),
        "the photo is shown in place (the page's policy allows it)");

    click(By.cssSelector(".messages .from-customer:last-child button.attachment"));
    WebElement document = waitVisible(By.cssSelector(".messages a.attachment-saved[download='Facture A-1001.pdf']"));
    assertTrue(document.getAttribute("href").startsWith("blob:"), document.getAttribute("href"));
    assertArrayEquals(invoice, downloaded(downloads.resolve("Facture A-1001.pdf")), "the invoice, byte for byte");
    assertTrue(driver.findElements(By.cssSelector(".messages .attachment-error")).isEmpty());
    screenshot("whatsapp-attachments");
    try (var files = java.nio.file.Files.list(downloads)) {
      for (java.nio.file.Path file : files.toList()) {
        java.nio.file.Files.delete(file);
      }
    }
    java.nio.file.Files.delete(downloads);
  }

  // ---- helpers -------------------------------------------------------------------------------

  /**
   * The bytes of a file the browser saved, once it is complete (the page's Content-Security-Policy
   * lets no script read a blob back; the saved file is what the agent gets anyway).
   */
  private static byte[] downloaded(java.nio.file.Path file) {
    return wait(d -> {
      try {
        return java.nio.file.Files.isRegularFile(file) && java.nio.file.Files.size(file) > 0
            ? java.nio.file.Files.readAllBytes(file) : null;
      } catch (java.io.IOException e) {
        return null;
      }
    });
  }

  private static byte[] onePixelPng() throws java.io.IOException {
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(1, 1,
        java.awt.image.BufferedImage.TYPE_INT_RGB);
    image.setRGB(0, 0, 0xC0392B);
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    javax.imageio.ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static void signIn() {
    if (!driver.getCurrentUrl().startsWith(world.url("/inbox"))) {
      driver.get(world.url("/inbox"));
    }
    new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50)).until(d ->
        d.findElement(By.id("app")).isDisplayed() || d.findElement(By.id("signin")).isDisplayed());
    if (driver.findElement(By.id("signin")).isDisplayed()) {
      WebElement token = driver.findElement(By.id("signin-token"));
      token.sendKeys(InboxWorld.ALICE_TOKEN);
      token.sendKeys(Keys.ENTER);
      waitVisible(By.id("app"));
    }
    driver.findElement(By.cssSelector("[data-tab='queue']")).click();
  }

  /** Gives the page a viewport of exactly {@code width} × {@code height} CSS pixels (a phone's when narrow). */
  private static void viewport(int width, int height) {
    driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", java.util.Map.of(
        "width", width, "height", height, "deviceScaleFactor", 1, "mobile", width < 600));
    List<?> inner = (List<?>) driver.executeScript("return [window.innerWidth, window.innerHeight]");
    assertEquals(List.of((long) width, (long) height), inner, "the page's viewport");
  }

  /** A Messenger customer who said hello and got the bot's answer; named as a profile fetch would. */
  private static Recipient greetedMessengerCustomer(String psid, String name) {
    Recipient customer = InboxWorld.messenger(psid);
    world.messengerCustomerWrites(psid, "Hello");
    awaitBotReplied(customer);
    named(customer, name);
    return customer;
  }

  /** Claims the conversation from its queue row and waits until it is open and the agent's. */
  private static void claimFromQueue(Recipient conversation) {
    waitVisible(row(conversation)).findElement(By.cssSelector("[data-action='claim']")).click();
    waitText(By.cssSelector("[data-role='owner']"), "With you");
  }

  private static void named(Recipient customer, String name) {
    world.store.updateProfile(world.store.customer(customer).id(), Profile.named(name));
  }

  private static void awaitBotReplied(Recipient customer) {
    awaitServer(() -> world.store.history(world.store.customer(customer).id(), Long.MAX_VALUE, 50).messages().stream()
        .anyMatch(m -> m.author().kind() == dev.parley.core.conversation.Author.Kind.BOT));
  }

  private static void awaitServer(java.util.function.BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("the server never got there");
      }
      try {
        Thread.sleep(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  private static By row(Recipient conversation) {
    return By.cssSelector(css(conversation));
  }

  private static String css(Recipient conversation) {
    return "li.row[data-conversation='" + conversation.key() + "']";
  }

  private static WebElement waitVisible(By by) {
    return wait(ExpectedConditions.visibilityOfElementLocated(by));
  }

  private static WebElement waitText(By by, String text) {
    return wait(d -> {
      List<WebElement> found = d.findElements(by);
      return !found.isEmpty() && found.get(0).isDisplayed() && found.get(0).getText().contains(text) ? found.get(0)
          : null;
    });
  }

  private static <T> T wait(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, PATIENCE, Duration.ofMillis(50))
        .ignoring(StaleElementReferenceException.class) // the page re-renders what changed
        .until(condition::apply);
  }

  /** Saves the screen as it stands, without the passing notes (toasts) and with the details at the top. */
  private static void screenshot(String name) {
    driver.executeScript("document.getElementById('toasts').replaceChildren();"
        + "document.getElementById('details').scrollTop = 0;");
    Screenshots.save(driver, name);
  }

  /** Clicks what {@code by} finds, again if the page re-rendered it in between. */
  private static void click(By by) {
    wait(d -> {
      d.findElement(by).click();
      return true;
    });
  }

  /** The texts of what {@code by} finds, read again if the page re-rendered them meanwhile. */
  private static List<String> texts(By by) {
    return wait(d -> d.findElements(by).stream().map(WebElement::getText).toList());
  }

  /** The text of the first element {@code by} finds, read again if the page re-rendered it meanwhile. */
  private static String text(By by) {
    return wait(d -> d.findElement(by).getText());
  }

  private static void assertNoHorizontalScroll() {
    Object overflow = driver.executeScript(
        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
    assertEquals(0L, overflow, "nothing sticks out sideways at phone width");
  }
}
