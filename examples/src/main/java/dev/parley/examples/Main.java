package dev.parley.examples;

import dev.parley.examples.bench.BenchCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The runnable jar's entry point: {@code java -jar examples/target/parley-examples.jar <command>}.
 * A small dispatcher; each subcommand is its own class: {@code demo}, {@code server},
 * {@code sandbox}, {@code chat} and {@code bench}.
 */
@Command(name = "parley-examples", mixinStandardHelpOptions = true, version = "Parley examples 0.1.0",
    description = "Parley's runnable examples.",
    subcommands = {DemoCommand.class, ServerCommand.class, SandboxCommand.class, ChatCommand.class,
        BenchCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns the exit code (tests call this instead of {@link #main}). */
  public static int run(String... args) {
    return new CommandLine(new Main()).execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }
}
