package dev.parley.examples.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The CPU time this JVM has used: all threads together, and its JIT compilers' share. */
final class ProcessCpu {
  private static final Path TASKS = Path.of("/proc/self/task");

  private ProcessCpu() {}

  /** Nanoseconds of CPU used by this process so far, or 0 where the JVM does not tell. */
  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }

  /**
   * Nanoseconds of CPU used so far by the JIT compiler threads that are still alive ({@code C1/C2
   * CompilerThread*}, which HotSpot hides from the thread MXBean), read from Linux's per-thread
   * scheduler statistics; 0 where there are none. A compiler thread that ended meanwhile takes its
   * share with it, so a difference between two readings can only be too low, never too high.
   */
  static long compilerNanos() {
    if (!Files.isDirectory(TASKS)) {
      return 0;
    }
    long total = 0;
    try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
      for (Path task : tasks) {
        try {
          String name = Files.readString(task.resolve("comm"));
          if (name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre")) {
            String stat = Files.readString(task.resolve("schedstat"));
            total += Long.parseLong(stat.substring(0, stat.indexOf(' ')));
          }
        } catch (IOException | RuntimeException e) {
          // the thread ended while it was read: its time is not counted
        }
      }
    } catch (IOException e) {
      return total;
    }
    return total;
  }
}
