package dev.parley.examples.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The benchmark command end to end at a tiny size: it prints the P1 line with every field the
 * benchmark documentation reads, and each contender delivered everything it sent.
 */
class BenchCommandSmokeTest {

  @Test
  void quickP1AtATinySizePrintsOneLineWithEveryContenderAndNoFailure() {
    StringWriter out = new StringWriter();
    CommandLine command = new CommandLine(new BenchCommand()).setOut(new PrintWriter(out));

    int exit = command.execute("--quick", "--only", "P1", "--size-factor", "0.01");

    assertEquals(0, exit, out.toString());
    List<String> lines = out.toString().lines().filter(l -> l.startsWith("P")).toList();
    assertEquals(1, lines.size(), out.toString());
    Map<String, String> fields = Arrays.stream(lines.get(0).split(" ")).skip(1)
        .map(f -> f.split("=", 2)).collect(Collectors.toMap(f -> f[0], f -> f[1]));
    assertTrue(lines.get(0).startsWith("P1 "), lines.get(0));
    for (String key : List.of("parley_rps", "okhttp_rps", "messenger4j_rps", "parley/okhttp", "parley/messenger4j")) {
      assertTrue(Double.parseDouble(fields.get(key)) > 0, key + " in " + lines.get(0));
    }
    assertEquals("0", fields.get("failures"), lines.get(0));
    for (String key : List.of("parley_jit_us", "okhttp_async_jit_us", "okhttp_blocking_jit_us", "messenger4j_jit_us")) {
      assertTrue(Double.parseDouble(fields.get(key)) >= 0, key + " in " + lines.get(0));
    }
    // at least the quick run's two passes, then until the compilers settle or the (shrunk) limit
    assertTrue(Integer.parseInt(fields.get("warm_up").split("x")[1]) >= 2, lines.get(0));
    assertTrue(Double.parseDouble(fields.get("warm_up_seconds")) > 0, lines.get(0));
    assertTrue(List.of("true", "false").contains(fields.get("jit_settled")), lines.get(0));
    if (HostSteal.now() != null) {
      double steal = Double.parseDouble(fields.get("host_steal_pct"));
      assertTrue(steal >= 0 && steal <= 100, lines.get(0));
    }
  }

  @Test
  void theHostsStealIsItsShareOfAllCpuTimeBetweenTwoReadings() {
    HostSteal before = HostSteal.parse("cpu  1000 10 200 5000 30 0 10 50 0 0");
    HostSteal after = HostSteal.parse("cpu  1600 10 300 5100 30 0 10 250 0 0");

    // 1,000 jiffies passed (600 user, 100 system, 100 idle, 200 stolen).
    assertEquals(20.0, after.percentSince(before), 1e-9);
    assertEquals(0.0, before.percentSince(before), 1e-9);
    assertEquals(null, HostSteal.parse("cpu0 1 2 3"), "not the machine's line, or no steal counter");
    assertEquals(null, HostSteal.parse("intr 1 2 3 4 5 6 7 8 9"));
  }

  @Test
  void anUnknownMeasureIsRefusedWithTheKnownOnes() {
    StringWriter err = new StringWriter();
    CommandLine command = new CommandLine(new BenchCommand()).setErr(new PrintWriter(err));

    int exit = command.execute("--only", "P9");

    assertEquals(2, exit);
    assertTrue(err.toString().contains("--only P9 is not a measure; choose from [P1, P2, P3, P4, P5, P6, P7]"), err.toString());
  }
}
