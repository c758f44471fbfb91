package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Investor;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Policy;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Scores (subject, candidate) pairs of one request. The same component values give the exact score,
 * the bounds used for pruning (text taken as 0 or 1) and the reasons, so none can disagree. A
 * {@link Context} is built once per request and is not thread-safe.
 */
public final class PairScorer {
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
    return new Context(direction, subject, profile, counterpartProfile, today, filters);
  }

  /** Everything fixed for one request: subject, weights, filters, today. */
  public final class Context {
    private final Direction direction;
    private final Features subject;
    private final ScoringProfile profile;
    private final ScoringParams params;
    private final double[] weightsA = new double[Component.ALL.length];
    private final double[] weightsB = new double[Component.ALL.length];
    private final boolean reciprocal;
    private final long today;
    private final int filterDistricts;
    private final long filterSectors;
    private final int filterStages;
    private final int filterNeeds;
    private final Set<String> filterKinds;
    private final boolean[] used = new boolean[Component.ALL.length];
    private final double[] values = new double[Component.ALL.length];

    private Context(
        Direction direction,
        Features subject,
        ScoringProfile profile,
        ScoringProfile counterpart,
        LocalDate today,
        RequestFilters filters) {
      this.direction = direction;
      this.subject = subject;
      this.profile = profile;
      this.params = profile.params();
      this.reciprocal = counterpart != null;
      this.today = today.toEpochDay();
      normalise(profile, weightsA);
      if (counterpart != null) normalise(counterpart, weightsB);
      for (int i = 0; i < used.length; i++) used[i] = weightsA[i] > 0 || weightsB[i] > 0;
      FeatureFilter ff = new FeatureFilter(fx, filters);
      filterDistricts = ff.districts;
      filterSectors = ff.sectors;
      filterStages = ff.stages;
      filterNeeds = ff.needs;
      filterKinds = Set.copyOf(filters.kinds());
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

    private Features project(Features candidate) {
      return direction.projectIsSubject() ? subject : candidate;
    }

    private Features other(Features candidate) {
      return direction.projectIsSubject() ? candidate : subject;
    }

    /** The hard constraints and request filters; O(1) bit tests. */
    public boolean eligible(Features c) {
      if (c.id.equals(subject.id) || c.entity.type() != direction.target()) return false;
      Features p = project(c);
      Features o = other(c);
      EntityType otherType = o.entity.type();
      if (otherType != EntityType.POLICIES && !p.active) {
        boolean secondChance =
            p.failed
                && o.secondIncubation
                && (otherType == EntityType.MENTORS || otherType == EntityType.PARKS);
        if (!secondChance) return false;
      }
      if (!direction.projectIsSubject()) {
        int needed =
            switch (otherType) {
              case MENTORS -> Features.CONSENT_MENTORS;
              case PARKS -> Features.CONSENT_PARKS;
              case INVESTORS -> Features.CONSENT_INVESTORS;
              default -> 0;
            };
        if ((p.consent & needed) == 0) return false;
      }
      if (o.scope != 0 && (p.district < 0 || (o.scope & (1 << p.district)) == 0)) return false;
      switch (otherType) {
        case MENTORS -> {
          if (o.capacity <= 0) return false;
        }
        case PARKS -> {
          if (!hasRoom(o)) return false;
        }
        case POLICIES -> {
          if (today < o.validFrom || today > o.validUntil || !o.founderAudience) return false;
          if (o.stages != 0 && (o.stages & p.stages) == 0) return false;
          if (o.sectors != 0 && (o.sectors & p.sectors) == 0) return false;
        }
        default -> {}
      }
      return passesFilters(c);
    }

    private boolean passesFilters(Features c) {
      if (filterDistricts != 0 && (c.district < 0 || (filterDistricts & (1 << c.district)) == 0))
        return false;
      if (filterSectors != 0 && (filterSectors & c.sectors) == 0) return false;
      if (filterStages != 0 && (filterStages & c.stages) == 0) return false;
      if (filterNeeds != 0 && (filterNeeds & c.services) == 0) return false;
      return filterKinds.isEmpty() || filterKinds.contains(kindOf(c));
    }

    /** Lower bound of the score (text = 0). */
    public double lower(Features c) {
      computeStructured(c);
      return combine(0);
    }

    /** Upper bound of the score (text = 1), from the values of the last {@link #lower} call. */
    public double upperAfterLower() {
      return combine(1);
    }

    /** The exact score with {@code text} ∈ [0,1]. */
    public double score(Features c, double text) {
      computeStructured(c);
      return combine(text);
    }

    /** The exact score with its components and reasons. */
    public Match match(Features c, double text) {
      double score = score(c, text);
      values[Component.TEXT.ordinal()] = text;
      Map<String, Double> components = new LinkedHashMap<>();
      for (String name : direction.components()) {
        Component k = Component.of(name).orElseThrow();
        components.put(name, round(values[k.ordinal()]));
      }
      if (reciprocal) components.put("reciprocal", round(side(weightsB, text)));
      List<String> reasons =
          new Reasons(fx, params).of(direction, project(c), other(c), values, weightsA);
      return new Match(c.entity, score, components, reasons);
    }

    private double combine(double text) {
      double a = side(weightsA, text);
      if (!reciprocal) return a;
      double b = side(weightsB, text);
      return a + b == 0 ? 0 : 2 * a * b / (a + b);
    }

    private double side(double[] w, double text) {
      double s = w[Component.TEXT.ordinal()] * text;
      for (int i = 0; i < w.length; i++) {
        if (i != Component.TEXT.ordinal() && w[i] != 0) s += w[i] * values[i];
      }
      return s;
    }

    private void computeStructured(Features c) {
      Features p = project(c);
      Features o = other(c);
      if (used[Component.SECTOR.ordinal()]) values[Component.SECTOR.ordinal()] = sector(p, o);
      if (used[Component.STAGE.ordinal()]) values[Component.STAGE.ordinal()] = stage(p, o);
      if (used[Component.LOCATION.ordinal()]) values[Component.LOCATION.ordinal()] = location(p, o);
      if (used[Component.NEEDS.ordinal()]) values[Component.NEEDS.ordinal()] = needs(p, o);
      if (used[Component.CAPACITY.ordinal()]) values[Component.CAPACITY.ordinal()] = capacity(o);
      if (used[Component.SPACE.ordinal()]) values[Component.SPACE.ordinal()] = space(p, o);
      if (used[Component.KIND.ordinal()]) values[Component.KIND.ordinal()] = kind(p, o);
      if (used[Component.FREE_SPACE.ordinal()])
        values[Component.FREE_SPACE.ordinal()] = freeSpace(p, o);
      if (used[Component.TICKET.ordinal()]) values[Component.TICKET.ordinal()] = ticket(p, o);
      if (used[Component.INSTRUMENT.ordinal()])
        values[Component.INSTRUMENT.ordinal()] = instrument(p, o);
      if (used[Component.BENEFIT.ordinal()]) values[Component.BENEFIT.ordinal()] = benefit(o);
    }

    double sector(Features p, Features o) {
      if (o.sectors == 0) return params.sectorAgnostic();
      double best = 0;
      for (long ps = p.sectors; ps != 0; ps &= ps - 1) {
        int i = Long.numberOfTrailingZeros(ps);
        double w = i == p.mainSector ? 1.0 : params.secondarySector();
        for (long os = o.sectors; os != 0; os &= os - 1) {
          best = Math.max(best, w * fx.affinity(i, Long.numberOfTrailingZeros(os)));
        }
      }
      if (((o.keywordSectors & p.sectors) | (p.keywordSectors & o.sectors)) != 0)
        best = Math.max(best, params.keywordMatch());
      return best;
    }

    double stage(Features p, Features o) {
      if (o.stages == 0 || p.stage < 0) return o.stages == 0 ? 1.0 : params.neutral();
      if ((o.stages & (1 << p.stage)) != 0) return 1.0;
      int adjacent = (1 << (p.stage + 1)) | (p.stage > 0 ? 1 << (p.stage - 1) : 0);
      return (o.stages & adjacent) != 0 ? params.adjacentStage() : 0.0;
    }

    double location(Features p, Features o) {
      if (o.entity.type() == EntityType.POLICIES) {
        return o.scope == 0
            ? params.neutral()
            : 1.0; // in scope (a hard constraint): a local policy
      }
      if (!p.hasPoint() || !o.hasPoint()) return params.neutral();
      return Math.exp(-Geo.km(p.lat, p.lon, o.lat, o.lon) / params.distanceScaleKm());
    }

    double needs(Features p, Features o) {
      if (p.services == 0) return params.neutral();
      return (double) Integer.bitCount(p.services & o.services) / Integer.bitCount(p.services);
    }

    double capacity(Features o) {
      return o.capacity <= 0 ? 0 : 1 - Math.exp(-o.capacity / params.capacitySlots());
    }

    double space(Features p, Features o) {
      double v = Double.NaN;
      if (o.capacity >= 0 && o.tenants >= 0) v = Math.min(1.0, (o.capacity - o.tenants) / 10.0);
      if (o.areaAvailable >= 0) {
        double needed = 15.0 * Math.max(1, p.employees);
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

    double freeSpace(Features p, Features o) {
      int groups = fx.groupBit("college_graduate") | fx.groupBit("returnee");
      return o.governmentInvested && (p.founderGroups & groups) != 0 ? 1.0 : 0.0;
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

    double benefit(Features o) {
      if (o.benefitMax <= 0) return 0.3;
      return Math.min(1.0, Math.log10(o.benefitMax) / Math.log10(30_000_000));
    }
  }

  /** Whether a park has room: not full by tenants, not out of area. */
  public static boolean hasRoom(Features park) {
    boolean full = park.capacity >= 0 && park.tenants >= 0 && park.tenants >= park.capacity;
    return !full && park.areaAvailable != 0;
  }

  static String kindOf(Features c) {
    return switch (c.entity) {
      case Mentor m -> m.kind();
      case Park k -> k.kind();
      case Investor i -> i.kind();
      case Policy p -> p.category();
      default -> "";
    };
  }

  private static final int UNIVERSITY_PARK = 4;

  /** Fit of each park kind (Codes.PARK_KINDS order) to seed, startup, growth, mature. */
  private static final double[][] KIND_BY_STAGE = {
    {0.8, 1.0, 0.7, 0.3}, // incubation_park
    {0.6, 1.0, 1.0, 0.6}, // high_level_park
    {1.0, 0.8, 0.4, 0.2}, // startup_street
    {1.0, 0.8, 0.4, 0.2}, // community_station
    {1.0, 0.8, 0.4, 0.2}, // university_park
    {0.8, 0.8, 0.8, 0.8}, // enablement_center
  };

  static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }
}
