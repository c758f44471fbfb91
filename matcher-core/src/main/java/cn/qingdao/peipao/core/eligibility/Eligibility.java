package cn.qingdao.peipao.core.eligibility;

import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The entry point of the engine: compiles policies, encodes profiles and runs the policy
 * calculator. Thread-safe.
 */
public final class Eligibility {
  /** The audience of the policies a founder applies for. */
  public static final String FOUNDER = "founder";

  private final ProfileEncoder encoder;

  public Eligibility(Taxonomy taxonomy) {
    this.encoder = new ProfileEncoder(taxonomy);
  }

  /** Compiles {@code policy}'s scope and rule tree; O(conditions). */
  public PolicyRules compile(Policy policy) {
    return new PolicyRules(policy, encoder);
  }

  /** Encodes {@code project} for evaluation; O(fields). */
  public ProfileFacts facts(Project project) {
    return encoder.encode(project);
  }

  /** One policy judged for one project as of {@code day}. */
  public Assessment assess(Policy policy, Project project, LocalDate day) {
    return compile(policy).assess(facts(project), AsOf.of(day));
  }

  /**
   * The policy calculator: every policy among {@code policies} that is open on {@code day} and
   * meant for founders, judged for {@code profile}, in {@link Assessment#ORDER}. O(policies ×
   * conditions).
   */
  public List<Assessment> calculate(
      Collection<PolicyRules> policies, Project profile, LocalDate day) {
    ProfileFacts f = facts(profile);
    AsOf at = AsOf.of(day);
    List<Assessment> out = new ArrayList<>();
    for (PolicyRules r : policies) if (isOpenForFounders(r.policy(), day)) out.add(r.assess(f, at));
    out.sort(Assessment.ORDER);
    return out;
  }

  /** True when founders can apply for {@code policy} on {@code day}. */
  public static boolean isOpenForFounders(Policy policy, LocalDate day) {
    return FOUNDER.equals(policy.audience()) && policy.isOpenOn(day);
  }
}
