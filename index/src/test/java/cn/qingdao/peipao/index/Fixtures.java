package cn.qingdao.peipao.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The committed fixtures under {@code datasets/fixtures}. */
final class Fixtures {
  static final Path DIR = Path.of("..", "datasets", "fixtures");

  private Fixtures() {}

  static List<String> lines(String file) {
    try {
      return Files.readAllLines(DIR.resolve(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
