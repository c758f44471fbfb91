package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.json.Numbers;
import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores (subject, candidate) pairs of one request. The same component values give the exact score,
 * the bounds used for pruning (text and related taken as 0 or their most) and the reasons, so none
 * can disagree. A {@link Context} is built once per request and is not thread-safe.
 */
public final class PairScorer {
  // component slots of a score array; PruningBounds reads the same ones
  static final int SECTOR = Component.SECTOR.ordinal();
  static final int STAGE = Component.STAGE.ordinal();
  static final int LOCATION = Component.LOCATION.ordinal();
  static final int NEEDS = Component.NEEDS.ordinal();
  static final int TEXT = Component.TEXT.ordinal();
  static final int CAPACITY = Component.CAPACITY.ordinal();
  static final int SPACE = Component.SPACE.ordinal();
  static final int KIND = Component.KIND.ordinal();
  static final int FREE_SPACE = Component.FREE_SPACE.ordinal();
  private static final int TICKET = Component.TICKET.ordinal();
  private static final int INSTRUMENT = Component.INSTRUMENT.ordinal();
  private static final int BENEFIT = Component.BENEFIT.ordinal();
  private static final int TRACK = Component.TRACK.ordinal();
  private static final int TIME = Component.TIME.ordinal();
  private static final int ORGANISER = Component.ORGANISER.ordinal();
  static final int RELATED = Component.RELATED.ordinal();

  /** Days over which an event's time value falls by e: a fortnight. */
  static final double TIME_SCALE_DAYS = 14;

  private final FeatureExtractor fx;

  public PairScorer(FeatureExtractor fx) {
    this.fx = fx;
  }

  public FeatureExtractor features() {
    return fx;
  }

  /**
   * The scoring context of one request.
   *
   * @param counterpartProfile the counterpart's view for two-sided directions (null otherwise)
   */
  public Context context(
      Direction direction,
      Features subject,
      ScoringProfile profile,
      ScoringProfile counterpartProfile,
      LocalDate today,
      RequestFilters filters) {
    return context(direction, subject, profile, counterpartProfile, today, filters, null);
  }

  /**
   * As above; {@code bounds}, when given, tighten {@link PruningBounds#cheapUpper} with the
   * distance from the subject to each district's box.
   */
  public Context context(
      Direction direction,
      Features subject,
      ScoringProfile profile,
      ScoringProfile counterpartProfile,
      LocalDate today,
      RequestFilters filters,
      DistrictBounds bounds) {
    if (profile.direction() != direction) {
      throw new IllegalArgumentException(
          "profile "
              + profile.name()
              + " is for "
              + profile.direction().code()
              + ", not "
              + direction.code());
    }
    if (direction.reverse().isPresent() != (counterpartProfile != null)) {
      throw new IllegalArgumentException(
          direction.code()
              + (counterpartProfile == null ? " needs" : " takes no")
              + " counterpart profile");
    }
    return new Context(direction, subject, profile, counterpartProfile, today, filters, bounds);
  }

  /** Everything fixed for one request: subject, weights, filters, today. */
  public final class Context {
    // read by PruningBounds too (same package): fixed once the constructor returns
    final Direction direction;
    final Features subject;
    private final ScoringProfile profile;
    final ScoringParams params;
    final double[] weightsA = new double[Component.ALL.length];
    final double[] weightsB = new double[Component.ALL.length];
    final boolean reciprocal;
    private final long today;
    private final int filterDistricts;
    private final long filterSectors;
    private final int filterStages;
    private final int filterNeeds;
    private final int filterCities;
    private final long filterKinds;
    final boolean[] used = new boolean[Component.ALL.length];
    private final double[] values = new double[Component.ALL.length];
    final double locA;
    final double locB;
    final double textA;
    final double textB;
    final double relatedA;
    final double relatedB;

    /** Sector score against the subject, by the candidate's sector bit (subject = project). */
    final double[] sectorBySubject;

    /** Best affinity of each sector to the subject's sectors (subject = counterpart). */
    final double[] affinityToSubject;

    // the weighted sums of the last candidate scored or bounded, per view; the bounds read them
    double sumA;
    double sumB;
    private double lastA;
    private double lastB;

    /**
     * For a counterpart subject: the best secondary-weighted affinity of each project sector mask,
     * so a candidate's sector value is two lookups instead of a loop over its sectors.
     */
    private double[] secondaryByMask;

    /** {@code 1 − exp(−slots / capacitySlots)} for small slot counts, computed once per request. */
    final double[] capacityTable = new double[64];

    /** The fast path's bounds for this request. */
    private final PruningBounds bounds;

    private Context(
        Direction direction,
        Features subject,
        ScoringProfile profile,
        ScoringProfile counterpart,
        LocalDate today,
        RequestFilters filters,
        DistrictBounds districtBounds) {
      this.direction = direction;
      this.subject = subject;
      this.profile = profile;
      this.params = profile.params();
      this.reciprocal = counterpart != null;
      this.today = today.toEpochDay();
      normalise(profile, weightsA);
      if (counterpart != null) normalise(counterpart, weightsB);
      for (int i = 0; i < used.length; i++) used[i] = weightsA[i] > 0 || weightsB[i] > 0;
      for (int i = 1; i < capacityTable.length; i++)
        capacityTable[i] = 1 - Math.exp(-i / params.capacitySlots());
      locA = weightsA[LOCATION];
      locB = weightsB[LOCATION];
      textA = weightsA[TEXT];
      textB = weightsB[TEXT];
      relatedA = weightsA[RELATED];
      relatedB = weightsB[RELATED];
      int sectors = fx.taxonomy().sectors().size();
      sectorBySubject = new double[sectors];
      affinityToSubject = new double[sectors];
      for (int j = 0; j < sectors; j++) {
        for (long bits = subject.sectors; bits != 0; bits &= bits - 1) {
          int i = Long.numberOfTrailingZeros(bits);
          double w = i == subject.mainSector ? 1.0 : params.secondarySector();
          sectorBySubject[j] = Math.max(sectorBySubject[j], w * fx.affinity(i, j));
          affinityToSubject[j] = Math.max(affinityToSubject[j], fx.affinity(j, i));
        }
      }
      if (!direction.projectIsSubject() && sectors <= 16) {
        secondaryByMask = new double[1 << sectors];
        for (int m = 1; m < secondaryByMask.length; m++) {
          int low = Integer.numberOfTrailingZeros(m);
          secondaryByMask[m] =
              Math.max(
                  secondaryByMask[m & (m - 1)], params.secondarySector() * affinityToSubject[low]);
        }
      }
      FeatureFilter ff = new FeatureFilter(fx, filters);
      filterDistricts = ff.districts;
      filterSectors = ff.sectors;
      filterStages = ff.stages;
      filterNeeds = ff.needs;
      filterCities = ff.cities;
      filterKinds = kindMask(direction.target(), filters.kinds());
      bounds = new PruningBounds(this, districtBounds);
    }

    /**
     * The pruning bounds of the fast path for this request: cheap, column and block upper bounds of
     * the exact score, built once per request.
     */
    public PruningBounds bounds() {
      return bounds;
    }

    /** The extractor whose taxonomy and geometry the scores use. */
    FeatureExtractor fx() {
      return fx;
    }

    private void normalise(ScoringProfile p, double[] out) {
      double total = p.totalWeight();
      for (Map.Entry<String, Double> w : p.weights().entrySet()) {
        out[Component.of(w.getKey()).orElseThrow().ordinal()] = w.getValue() / total;
      }
    }

    public Direction direction() {
      return direction;
    }

    public ScoringProfile profile() {
      return profile;
    }

    public Features subject() {
      return subject;
    }

    /** True when the text component counts; when false, text is never computed. */
    public boolean usesText() {
      return used[Component.TEXT.ordinal()];
    }

    /** True when the related component counts; when false, it is never looked up. */
    public boolean usesRelated() {
      return used[RELATED];
    }

    private Features project(Features candidate) {
      return direction.projectIsSubject() ? subject : candidate;
    }

    private Features other(Features candidate) {
      return direction.projectIsSubject() ? candidate : subject;
    }

    /** The hard constraints and request filters; O(1) bit tests. */
    public boolean eligible(Features c) {
      // Subject and target types always differ, so the subject is never its own candidate.
      if (c.type != direction.target()) return false;
      return obstacle(c) == null && passesFilters(c);
    }

    /** The first hard constraint the pair fails, or null when it passes them all; O(1). */
    public HardConstraint obstacle(Features c) {
      return HardConstraints.obstacle(project(c), other(c), !direction.projectIsSubject(), today);
    }

    /** This side's view (project's when it is the subject) as of the last exact {@link #score}. */
    public double lastSubjectView() {
      return lastA;
    }

    /** The counterpart's view as of the last exact {@link #score}; the subject's when one-sided. */
    public double lastCounterpartView() {
      return reciprocal ? lastB : lastA;
    }

    private boolean passesFilters(Features c) {
      if (filterDistricts != 0) {
        // a policy has no place of its own: it is "in" the districts it is scoped to, as the
        // index's DISTRICT terms say (a city-wide policy names none)
        boolean in =
            c.type == EntityType.POLICIES
                ? (c.scope & filterDistricts) != 0
                : c.district >= 0 && (filterDistricts & (1 << c.district)) != 0;
        if (!in) return false;
      }
      if (filterSectors != 0 && (filterSectors & c.sectors) == 0) return false;
      if (filterStages != 0 && (filterStages & c.stages) == 0) return false;
      if (filterNeeds != 0 && (filterNeeds & c.services) == 0) return false;
      if (filterCities != 0 && (c.city < 0 || (filterCities & (1 << c.city)) == 0)) return false;
      return filterKinds == 0 || (c.kind >= 0 && (filterKinds & (1L << c.kind)) != 0);
    }

    /** The exact score with {@code text} and {@code related} ∈ [0,1]. */
    public double score(Features c, double text, double related) {
      computeStructured(c);
      lastA = sumA + textA * text + relatedA * related;
      lastB = sumB + textB * text + relatedB * related;
      return combine(lastA, lastB);
    }

    /**
     * The score of a candidate whose text- and related-free views are {@code viewA} and {@code
     * viewB} (as {@link #viewA} and {@link #viewB} gave them after bounding it), with {@code text}
     * and {@code related}: {@link #score}'s arithmetic without the candidate's features. O(1).
     */
    public double scoreOfViews(double viewA, double viewB, double text, double related) {
      return combine(
          viewA + textA * text + relatedA * related, viewB + textB * text + relatedB * related);
    }

    /** This side's view without text and related of the last candidate scored or bounded. */
    public double viewA() {
      return sumA;
    }

    /** The counterpart's view without text and related of the last candidate scored or bounded. */
    public double viewB() {
      return sumB;
    }

    /** The exact score with its components and reasons. */
    public Match match(Features c, Entity entity, double text, double related) {
      double score = score(c, text, related);
      values[TEXT] = text;
      values[RELATED] = related;
      Map<String, Double> components = new LinkedHashMap<>();
      for (String name : direction.components()) {
        Component k = Component.of(name).orElseThrow();
        components.put(name, round(values[k.ordinal()]));
      }
      if (reciprocal) components.put("reciprocal", round(lastB));
      List<String> reasons =
          new Reasons(fx, params).of(direction, project(c), other(c), values, weightsA);
      return new Match(entity, score, components, reasons);
    }

    /** The harmonic mean of both views for two-sided directions, else this side's view. */
    double combine(double a, double b) {
      if (!reciprocal) return a;
      return a + b == 0 ? 0 : 2 * a * b / (a + b);
    }

    private void computeStructured(Features c) {
      computeStructuredExceptLocation(c);
      addLocation(c);
    }

    void addLocation(Features c) {
      if (!used[LOCATION]) return;
      double v = location(project(c), other(c));
      values[LOCATION] = v;
      sumA += locA * v;
      sumB += locB * v;
    }

    /** Computes every used component but location and text into values, and the weighted sums. */
    void computeStructuredExceptLocation(Features c) {
      Features p = project(c);
      Features o = other(c);
      sumA = 0;
      sumB = 0;
      if (used[SECTOR]) put(SECTOR, sector(p, o));
      if (used[STAGE]) put(STAGE, stage(p, o));
      if (used[NEEDS]) put(NEEDS, needs(p, o));
      if (used[CAPACITY]) put(CAPACITY, capacity(o));
      if (used[SPACE]) put(SPACE, space(p, o));
      if (used[KIND]) put(KIND, kind(p, o));
      if (used[FREE_SPACE]) put(FREE_SPACE, freeSpace(p, o));
      if (used[TICKET]) put(TICKET, ticket(p, o));
      if (used[INSTRUMENT]) put(INSTRUMENT, instrument(p, o));
      if (used[BENEFIT]) put(BENEFIT, benefit(o));
      if (used[TRACK]) put(TRACK, track(o));
      if (used[TIME]) put(TIME, time(o));
      if (used[ORGANISER]) put(ORGANISER, organiser(p, o));
    }

    /**
     * 1 when the organiser's kind brings what the project needs, 0.4 when not; unknown: neutral.
     */
    private double organiser(Features p, Features o) {
      if (o.organiser < 0 || p.services == 0) return params.neutral();
      return (p.services & o.organiserServices) != 0 ? 1.0 : 0.4;
    }

    /** 1 for an event today, e^(−days/14) for one {@code days} ahead (never above 1). */
    private double time(Features o) {
      long days = Math.max(0, HardConstraints.eventDay(o.eventStart) - today);
      return Math.exp(-days / TIME_SCALE_DAYS);
    }

    private void put(int component, double v) {
      values[component] = v;
      sumA += weightsA[component] * v;
      sumB += weightsB[component] * v;
    }

    double sector(Features p, Features o) {
      return sectorValue(p.sectors, p.mainSector, p.keywordSectors, o.sectors, o.keywordSectors);
    }

    /**
     * Best of (project sector weight × affinity) over both sector lists, with the keyword and
     * sector-agnostic values; the subject's side comes from tables built once per request.
     */
    double sectorValue(long pSectors, int pMain, long pKeywords, long oSectors, long oKeywords) {
      if (oSectors == 0) return params.sectorAgnostic();
      if (pSectors == 0) {
        // a partial profile that states no sector: unknown, unless its words name the sector
        return (pKeywords & oSectors) != 0
            ? Math.max(params.neutral(), params.keywordMatch())
            : params.neutral();
      }
      double best = 0;
      if (direction.projectIsSubject()) {
        for (long os = oSectors; os != 0; os &= os - 1) {
          best = Math.max(best, sectorBySubject[Long.numberOfTrailingZeros(os)]);
        }
      } else if (secondaryByMask != null && pSectors < secondaryByMask.length) {
        // the same products as the loop below: max is exact whatever the order
        long main = pMain >= 0 ? pSectors & (1L << pMain) : 0;
        best = secondaryByMask[(int) (pSectors & ~main)];
        if (main != 0) best = Math.max(best, affinityToSubject[pMain]);
      } else {
        for (long ps = pSectors; ps != 0; ps &= ps - 1) {
          int i = Long.numberOfTrailingZeros(ps);
          double w = i == pMain ? 1.0 : params.secondarySector();
          best = Math.max(best, w * affinityToSubject[i]);
        }
      }
      if (((oKeywords & pSectors) | (pKeywords & oSectors)) != 0) {
        best = Math.max(best, params.keywordMatch());
      }
      return best;
    }

    double stage(Features p, Features o) {
      return stageValue(p.stage, o.stages);
    }

    /** Accepted 1, adjacent {@code adjacentStage}, else 0; no accepted stages means any. */
    double stageValue(int projectStage, int accepted) {
      if (accepted == 0 || projectStage < 0) return accepted == 0 ? 1.0 : params.neutral();
      if ((accepted & (1 << projectStage)) != 0) return 1.0;
      int adjacent = (1 << (projectStage + 1)) | (projectStage > 0 ? 1 << (projectStage - 1) : 0);
      return (accepted & adjacent) != 0 ? params.adjacentStage() : 0.0;
    }

    double location(Features p, Features o) {
      if (o.type == EntityType.POLICIES) {
        return o.scope == 0
            ? params.neutral()
            : 1.0; // in scope (a hard constraint): a local policy
      }
      if (!p.hasPoint() || !o.hasPoint()) return params.neutral();
      return Math.exp(-fx.km(p, o) / params.distanceScaleKm());
    }

    double needs(Features p, Features o) {
      return needsValue(p.services, o.services);
    }

    double needsValue(int projectNeeds, int offered) {
      if (projectNeeds == 0) return params.neutral();
      return (double) Integer.bitCount(projectNeeds & offered) / Integer.bitCount(projectNeeds);
    }

    double capacity(Features o) {
      return o.capacity <= 0 ? 0 : capacityOf(o.capacity);
    }

    double capacityOf(int slots) {
      return slots < capacityTable.length
          ? capacityTable[slots]
          : 1 - Math.exp(-slots / params.capacitySlots());
    }

    double space(Features p, Features o) {
      return spaceValue(p.employees, o);
    }

    /** {@code space} of park {@code o} for a project of {@code employees}; falls with them. */
    double spaceValue(int employees, Features o) {
      double v = Double.NaN;
      if (o.capacity >= 0 && o.tenants >= 0) v = Math.min(1.0, (o.capacity - o.tenants) / 10.0);
      if (o.areaAvailable >= 0) {
        double needed = 15.0 * Math.max(1, employees);
        double a = Math.min(1.0, o.areaAvailable / needed);
        v = Double.isNaN(v) ? a : Math.min(v, a);
      }
      return Double.isNaN(v) ? params.neutral() : Math.max(0, v);
    }

    double kind(Features p, Features o) {
      if (o.kind < 0 || p.stage < 0) return params.neutral();
      double[] byStage = KIND_BY_STAGE[o.kind];
      double v = byStage[Math.min(p.stage, byStage.length - 1)];
      if (o.kind == UNIVERSITY_PARK && (p.founderGroups & fx.groupBit("college_graduate")) != 0)
        v = 1.0;
      return v;
    }

    /**
     * 1 when the park must offer the founder free space: a government-invested carrier for
     * graduates ("政府投资开发的创业载体安排不低于30%的场地免费向大学生和高校毕业生创业者提供", 002), and for returnees only a
     * government-invested 返乡入乡创业园区 ("政府投资的安排不少于30%的场地，免费向返乡创业人员提供", 004).
     */
    double freeSpace(Features p, Features o) {
      if (!o.governmentInvested) return 0.0;
      if ((p.founderGroups & fx.groupBit("college_graduate")) != 0) return 1.0;
      return o.returneePark && (p.founderGroups & fx.groupBit("returnee")) != 0 ? 1.0 : 0.0;
    }

    double ticket(Features p, Features o) {
      if (p.fundingNeed <= 0) return params.neutral();
      double need = p.fundingNeed;
      if (o.ticketMin > 0 && need < o.ticketMin) return need / o.ticketMin;
      if (o.ticketMax >= 0 && need > o.ticketMax) return o.ticketMax / need;
      return 1.0;
    }

    double instrument(Features p, Features o) {
      int wants =
          ((p.services & fx.serviceBit("finance")) != 0 ? Features.DEBT : 0)
              | ((p.services & fx.serviceBit("capital")) != 0 ? Features.EQUITY : 0);
      if (wants == 0) return params.neutral();
      return (double) Integer.bitCount(wants & o.instruments) / Integer.bitCount(wants);
    }

    /** Log-scaled track record: 0 for no investments, 1 from {@code portfolioReference} up. */
    double track(Features o) {
      if (o.portfolio < 0) return params.neutral();
      return Math.min(1.0, Math.log1p(o.portfolio) / Math.log1p(params.portfolioReference()));
    }

    double benefit(Features o) {
      if (o.benefitMax <= 0) return 0.3;
      return Math.min(1.0, Math.log10(o.benefitMax) / Math.log10(30_000_000));
    }
  }

  /** Bits of the kinds of {@code target} named in a filter (0 = no filter). */
  static long kindMask(EntityType target, List<String> kinds) {
    List<String> codes = Codes.kindsOf(target);
    long mask = 0;
    for (String k : kinds) {
      int i = codes.indexOf(k);
      if (i < 0)
        throw new IllegalArgumentException("unknown kind '" + k + "' for " + target.path());
      mask |= 1L << i;
    }
    return mask;
  }

  static final int UNIVERSITY_PARK = 4;

  /** Fit of each park kind (Codes.PARK_KINDS order) to seed, startup, growth, mature. */
  static final double[][] KIND_BY_STAGE = {
    {0.8, 1.0, 0.7, 0.3}, // incubation_park
    {0.6, 1.0, 1.0, 0.6}, // high_level_park
    {1.0, 0.8, 0.4, 0.2}, // startup_street
    {1.0, 0.8, 0.4, 0.2}, // community_station
    {1.0, 0.8, 0.4, 0.2}, // university_park
    {0.8, 0.8, 0.8, 0.8}, // enablement_center
  };

  static double round(double v) {
    return Numbers.round4(v);
  }
}
