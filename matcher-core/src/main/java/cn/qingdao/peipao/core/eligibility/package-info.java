/**
 * The policy eligibility engine: a policy's rule tree (with its scope as implicit conditions) is
 * compiled once into {@link cn.qingdao.peipao.core.eligibility.PolicyRules}, a project profile is
 * encoded once into {@link cn.qingdao.peipao.core.eligibility.ProfileFacts}, and evaluation is
 * three-valued (met, unmet, unknown) as of a given date. A non-eligible policy is {@code partial}
 * when every unmet condition is one the project can still come to meet as it grows, and {@code
 * ineligible} otherwise. The same evaluation yields the verdict and its explanation.
 */
package cn.qingdao.peipao.core.eligibility;
