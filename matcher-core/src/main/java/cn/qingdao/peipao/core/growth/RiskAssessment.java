package cn.qingdao.peipao.core.growth;

import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The risks of one project as of a date: its signals, the worst severity and the teams called. */
public record RiskAssessment(String projectId, LocalDate asOf, List<RiskSignal> signals) {
  public RiskAssessment {
    signals = List.copyOf(signals);
    if (signals.isEmpty()) throw new IllegalArgumentException("an assessment has signals");
  }

  public Severity severity() {
    return signals.stream().map(RiskSignal::severity).max(Enum::compareTo).orElseThrow();
  }

  /** The teams the signals call for, most severe signal first, each once. */
  public List<String> teams() {
    Set<String> out = new LinkedHashSet<>();
    signals.stream()
        .sorted((a, b) -> b.severity().compareTo(a.severity()))
        .forEach(s -> out.addAll(s.teams()));
    return List.copyOf(out);
  }
}
