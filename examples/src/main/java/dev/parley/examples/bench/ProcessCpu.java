package dev.parley.examples.bench;

import java.lang.management.ManagementFactory;

/** The CPU time this JVM has used, all threads together. */
final class ProcessCpu {
  private ProcessCpu() {}

  /** Nanoseconds of CPU used by this process so far, or 0 where the JVM does not tell. */
  static long nanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return Math.max(0, os.getProcessCpuTime());
    }
    return 0;
  }
}
