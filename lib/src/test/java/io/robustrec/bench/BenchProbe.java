package io.robustrec.bench;
import io.robustrec.model.*;
import org.junit.jupiter.api.Test;
class BenchProbe {
  @Test void probe() {
    for (String n : System.getProperty("bench.models","sasrec").split(",")) {
      var r = Benchmark.run(Backbones.create(n), new BackboneConfig(200, 50, 2, 1, 0.2), new Benchmark.Shape(6000, 3400, Integer.getInteger("bench.steps", 10), 3, 128, 1));
      System.out.println("BENCH " + n + " " + r);
    }
  }
}
