package dev.parley.examples.demo;

public class ScratchRun {
  public static void main(String[] args) {
    long start = System.nanoTime();
    try (DemoStage stage = DemoStage.start(StandInBot::build)) {
      System.out.println("started in " + (System.nanoTime() - start) / 1_000_000 + " ms");
      new DemoStory(stage, new Transcript(System.out, false)).tell();
    }
    System.out.println("done in " + (System.nanoTime() - start) / 1_000_000 + " ms");
  }
}
