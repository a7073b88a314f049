package dev.parley.examples.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * How much of this machine's CPU time the host kept for others while a measure ran: the "steal" of
 * Linux's {@code /proc/stat}, the time a virtual CPU was ready to run but the hypervisor ran something
 * else. A measure taken while the host stole a tenth of the time or more says more about the host
 * than about the code; the line carries the figure so that a reader can tell.
 */
final class HostSteal {
  private static final Path STAT = Path.of("/proc/stat");

  private final long steal;
  private final long total;

  private HostSteal(long steal, long total) {
    this.steal = steal;
    this.total = total;
  }

  /** The counters now; null where the system does not tell (not Linux, or no steal counter). */
  static HostSteal now() {
    try {
      List<String> lines = Files.readAllLines(STAT);
      return lines.isEmpty() ? null : parse(lines.get(0));
    } catch (IOException e) {
      return null;
    }
  }

  /** The counters of {@code /proc/stat}'s first line ({@code cpu user nice system idle iowait irq softirq steal ...}); null if it is not one. */
  static HostSteal parse(String cpuLine) {
    String[] fields = cpuLine.trim().split("\\s+");
    if (fields.length < 9 || !fields[0].equals("cpu")) {
      return null;
    }
    try {
      long total = 0;
      for (int i = 1; i <= 8; i++) {
        total += Long.parseLong(fields[i]);
      }
      return new HostSteal(Long.parseLong(fields[8]), total);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The share of all CPUs' time stolen between {@code before} and this reading, in percent. */
  double percentSince(HostSteal before) {
    long elapsed = total - before.total;
    return elapsed <= 0 ? 0 : 100.0 * (steal - before.steal) / elapsed;
  }
}
