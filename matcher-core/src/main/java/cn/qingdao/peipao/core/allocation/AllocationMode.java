package cn.qingdao.peipao.core.allocation;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** How an allocation trades the two sides' preferences against how many projects are served. */
public enum AllocationMode {
  /** No project and counterpart would both rather have each other; best for the projects. */
  STABLE,
  /** As many projects as possible, then the highest total reciprocal score. */
  COVERAGE;

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<AllocationMode> of(String code) {
    return Arrays.stream(values()).filter(m -> m.code().equals(code)).findFirst();
  }
}
