package cn.qingdao.peipao.datasets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import cn.qingdao.peipao.core.model.EntityReader;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Rule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Policy truth: every condition of every shipped policy quotes, verbatim, a sentence of the source
 * documents (whitespace aside), so a condition nobody can cite cannot ship; and scope by stage or
 * sector, which carries no quote, is not used by shipped policies.
 */
class PolicyQuotesTest {
  /** The source documents as shipped with the module (a copy of {@code ../shared/sources}). */
  static final Path SOURCES = Path.of("sources");

  static final EntityReader READER = new EntityReader(QingdaoDataset.taxonomy());

  static String normalised(String s) {
    return s.replaceAll("\\s+", "");
  }

  static String corpus() throws IOException {
    StringBuilder b = new StringBuilder();
    try (Stream<Path> files = Files.list(SOURCES)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".txt")).sorted().toList())
        b.append(normalised(Files.readString(f, StandardCharsets.UTF_8))).append('\u0000');
    }
    return b.toString();
  }

  static void conditions(Rule r, List<Rule.Condition> out) {
    switch (r) {
      case Rule.All a -> a.all().forEach(c -> conditions(c, out));
      case Rule.Any a -> a.any().forEach(c -> conditions(c, out));
      case Rule.Not n -> conditions(n.not(), out);
      case Rule.Condition c -> out.add(c);
    }
  }

  @Test
  void everyShippedConditionQuotesItsSource() throws IOException {
    String corpus = corpus();
    int quoted = 0;
    for (var json : QingdaoDataset.real(EntityType.POLICIES)) {
      Policy p = (Policy) READER.read(EntityType.POLICIES, json);
      assertTrue(p.stages().isEmpty(), p.id() + ": stage limits go in the quoted rules");
      assertTrue(p.sectors().isEmpty(), p.id() + ": sector limits go in the quoted rules");
      assertFalse(p.regions().isEmpty(), p.id() + ": every policy names its region");
      List<Rule.Condition> cs = new ArrayList<>();
      if (p.eligibility() != null) conditions(p.eligibility(), cs);
      for (Rule.Condition c : cs) {
        String where = p.id() + " / " + c.label();
        assertTrue(c.quote() != null && !c.quote().isBlank(), where + ": no quote");
        assertTrue(
            corpus.contains(normalised(c.quote())),
            where + ": the quote is not in the sources: " + c.quote());
        quoted++;
      }
    }
    assertTrue(quoted >= 15, "quoted conditions: " + quoted);
  }

  @Test
  void aQuoteThatIsNotInTheSourcesIsCaught() throws IOException {
    // the check can fail: a paraphrase of a real sentence is not found
    assertFalse(corpus().contains(normalised("个人可申请最高30万元创业担保贷款并享受全额贴息")));
    assertTrue(corpus().contains(normalised("个人可申请最高30万元担保贷款")));
  }

  @Test
  void theShippedCopyOfTheSourcesIsTheSharedOne() throws IOException {
    Path shared = Path.of("../../shared/sources");
    Assumptions.assumeTrue(Files.isDirectory(shared), "no ../shared/sources beside the checkout");
    try (Stream<Path> files = Files.list(shared)) {
      for (Path f : files.toList()) {
        assertEquals(
            Files.readString(f), Files.readString(SOURCES.resolve(f.getFileName())), f.toString());
      }
    }
  }
}
