package dev.parley.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bot.server.BotService;
import dev.parley.bot.server.ServerConfig;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServerCommandTest {
  @TempDir
  Path data;

  @Test
  void everyCommandHasHelp() {
    StringWriter out = new StringWriter();
    CommandLine line = new CommandLine(new Main());
    line.setOut(new PrintWriter(out));
    assertEquals(0, line.execute("--help"));
    assertTrue(out.toString().contains("server"), out.toString());
    StringWriter serverHelp = new StringWriter();
    line.setOut(new PrintWriter(serverHelp));
    assertEquals(0, line.execute("server", "--help"));
    assertTrue(serverHelp.toString().contains("PARLEY_APP_SECRET") && serverHelp.toString().contains("--idle-hand-back"),
        serverHelp.toString());
  }

  @Test
  void aMissingVariableStopsStartUpNamingIt() {
    ServerCommand command = new ServerCommand();
    command.environment = Map.of("PARLEY_VERIFY_TOKEN", "verify-token-123");
    command.dataDirectory = data;
    command.idleMinutes = 30;
    PrintStream original = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      assertEquals(2, command.call());
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } finally {
      System.setErr(original);
    }
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("PARLEY_APP_SECRET is required"), err.toString());
  }

  @Test
  void theExampleServiceStartsOnTheEmbeddedStoreAndIsHealthy() throws Exception {
    ServerConfig config = ServerConfig.fromEnvironment(Map.of("PARLEY_PORT", "0", "PARLEY_APP_SECRET", "secret-1",
        "PARLEY_VERIFY_TOKEN", "verify-1", "PARLEY_MESSENGER_PAGE_ID", "1000000001", "PARLEY_MESSENGER_PAGE_TOKEN",
        "EAAGtoken", "PARLEY_GRAPH_API_BASE", "http://localhost:9"), data);
    try (BotService service = ExampleService.builder(config).build().start()) {
      HttpResponse<String> health = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          URI.create("http://localhost:" + service.port() + "/healthz")).build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(200, health.statusCode(), health.body());
      assertTrue(data.resolve("parley.mv.db").toFile().exists(), "the store is a file under the data directory");
    }
  }
}
