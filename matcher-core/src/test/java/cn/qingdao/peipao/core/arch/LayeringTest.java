package cn.qingdao.peipao.core.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.fields;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The core's layering, checked on its compiled classes: no Lucene, SQL, HTTP or logging framework
 * (the enforcer's bannedDependencies keeps them off the class path; this keeps the code honest
 * too), and JSON trees stay in the readers: a domain record holds typed values, not a {@code
 * JsonNode}.
 */
class LayeringTest {
  static final JavaClasses CORE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("cn.qingdao.peipao.core");

  @Test
  void theCoreKnowsNoIoFramework() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.lucene..",
            "java.sql..",
            "javax.sql..",
            "io.javalin..",
            "org.eclipse.jetty..",
            "jakarta.servlet..",
            "com.zaxxer..",
            "org.slf4j..")
        .because("matcher-core is the framework-free engine; I/O lives in index and api")
        .check(CORE);
  }

  @Test
  void jsonTreesAreHeldOnlyByTheJsonLayerAndTheKnownRuleValues() {
    fields()
        .that()
        .haveRawType(JsonNode.class)
        .or()
        .haveRawType(ObjectNode.class)
        .should()
        .beDeclaredInClassesThat()
        .resideInAPackage("cn.qingdao.peipao.core.json..")
        // a rule condition's value is any JSON literal or list the contract allows (string,
        // number, list of codes), read and checked by RuleReader; these three carry it as read
        .orShould()
        .beDeclaredIn("cn.qingdao.peipao.core.model.Rule$Condition")
        .orShould()
        .beDeclaredIn("cn.qingdao.peipao.core.eligibility.ConditionResult")
        .orShould()
        .beDeclaredIn("cn.qingdao.peipao.core.eligibility.Check")
        .because("domain records hold typed values; JSON trees are for the readers")
        .check(CORE);
  }
}
