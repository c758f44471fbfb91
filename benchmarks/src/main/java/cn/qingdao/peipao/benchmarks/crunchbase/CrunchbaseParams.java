package cn.qingdao.peipao.benchmarks.crunchbase;

import java.time.LocalDate;

/**
 * The tunables of the import, each with a default.
 *
 * @param cutoff edges before it train the profiles, edges from it on are the test; default
 *     2013-01-01 (the protocol of SOURCES.md)
 * @param testEnd edges from it on are left out (null: none); a validation split for tuning sets
 *     {@code cutoff} a year earlier and {@code testEnd} to the real cutoff, so that the test year
 *     is never looked at while tuning
 * @param profileShare an investor's sectors (stages) are its most frequent ones until they cover
 *     this share of its portfolio; default 0.6
 * @param maxSectors at most this many sectors per investor; default 5
 * @param maxStages at most this many stages per investor; default 3
 * @param districts the most frequent states become taxonomy districts (the rest are free codes);
 *     default 30, the most the bitmask encoding takes
 * @param ticketLow percentile of an investor's round amounts taken as its minimum ticket; default
 *     0.1
 * @param ticketHigh percentile taken as its maximum ticket; default 0.9
 * @param relatedSectors related sectors kept per sector (by co-investment); default 3
 * @param minAffinity co-investment cosine below which sectors are not related; default 0.1
 */
public record CrunchbaseParams(
    LocalDate cutoff,
    LocalDate testEnd,
    double profileShare,
    int maxSectors,
    int maxStages,
    int districts,
    double ticketLow,
    double ticketHigh,
    int relatedSectors,
    double minAffinity) {
  public static final CrunchbaseParams DEFAULTS =
      new CrunchbaseParams(LocalDate.of(2013, 1, 1), null, 0.6, 5, 3, 30, 0.1, 0.9, 3, 0.1);

  /** The validation split: train before {@code cutoff − 1 year}, test the year before cutoff. */
  public CrunchbaseParams validation() {
    return new CrunchbaseParams(
        cutoff.minusYears(1),
        cutoff,
        profileShare,
        maxSectors,
        maxStages,
        districts,
        ticketLow,
        ticketHigh,
        relatedSectors,
        minAffinity);
  }
}
