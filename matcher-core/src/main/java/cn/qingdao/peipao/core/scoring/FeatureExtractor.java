package cn.qingdao.peipao.core.scoring;

import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.Event;
import cn.qingdao.peipao.core.model.Investor;
import cn.qingdao.peipao.core.model.Location;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.District;
import cn.qingdao.peipao.core.taxonomy.FounderGroup;
import cn.qingdao.peipao.core.taxonomy.Place;
import cn.qingdao.peipao.core.taxonomy.Sector;
import cn.qingdao.peipao.core.taxonomy.Service;
import cn.qingdao.peipao.core.taxonomy.Stage;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns entities into {@link Features} under one taxonomy: codes become bit positions (taxonomy
 * order), locations become points (the district seat when none is given). Thread-safe.
 */
public final class FeatureExtractor {
  /** Tag by which a mentor or park declares the second-incubation channel for failed projects. */
  public static final String SECOND_INCUBATION_TAG = "二次孵化";

  /** The park tag of a 返乡入乡创业园区, whose free space 004 reserves for returnees. */
  public static final String RETURNEE_PARK_TAG = "返乡入乡创业园区";

  private final Taxonomy taxonomy;
  private final List<Sector> sectorList;
  private final List<District> districtList;
  private final Map<String, Integer> sectorIndex = new HashMap<>();
  private final Map<String, Integer> stageIndex = new HashMap<>();
  private final Map<String, Integer> serviceIndex = new HashMap<>();
  private final Map<String, Integer> districtIndex = new HashMap<>();
  private final Map<String, Integer> groupIndex = new HashMap<>();
  private final Map<String, Integer> cityIndex = new HashMap<>();
  private final double[][] affinity;
  private final double cosReference;

  public FeatureExtractor(Taxonomy taxonomy) {
    if (taxonomy.sectors().size() > 64
        || taxonomy.services().size() > 30
        || taxonomy.districts().size() > 31) {
      throw new IllegalArgumentException(
          "the taxonomy is larger than the bitmask encoding (64 sectors, 30 services, 31"
              + " districts)");
    }
    this.taxonomy = taxonomy;
    this.sectorList = List.copyOf(taxonomy.sectors());
    this.districtList = List.copyOf(taxonomy.districts());
    for (Sector s : sectorList) sectorIndex.put(s.code(), sectorIndex.size());
    for (Stage s : taxonomy.stages()) stageIndex.put(s.code(), s.order());
    for (Service s : taxonomy.services()) serviceIndex.put(s.code(), serviceIndex.size());
    for (District d : districtList) districtIndex.put(d.code(), districtIndex.size());
    for (FounderGroup g : taxonomy.founderGroups()) groupIndex.put(g.code(), groupIndex.size());
    for (Place c : taxonomy.places().cities()) cityIndex.put(c.adcode(), cityIndex.size());
    if (cityIndex.size() > 31)
      throw new IllegalArgumentException("more than 31 cities: the city filter is a 32-bit mask");
    cosReference =
        Geo.cosLatitude(districtList.stream().mapToDouble(District::lat).average().orElse(0));
    affinity = new double[sectorList.size()][sectorList.size()];
    for (int i = 0; i < sectorList.size(); i++) {
      for (int j = 0; j < sectorList.size(); j++) {
        affinity[i][j] = sectorList.get(i).affinity(sectorList.get(j).code());
      }
    }
  }

  public Taxonomy taxonomy() {
    return taxonomy;
  }

  double cosReference() {
    return cosReference;
  }

  /** Distance between two entities' points (the taxonomy's mean latitude as reference). */
  public double km(Features a, Features b) {
    return Geo.kmAt(cosReference, a.lat, a.lon, b.lat, b.lon);
  }

  /** Affinity between sectors by bit position (1 on the diagonal). */
  double affinity(int a, int b) {
    return affinity[a][b];
  }

  Sector sector(int bit) {
    return sectorList.get(bit);
  }

  District district(int idx) {
    return districtList.get(idx);
  }

  /** The filter bit of a city adcode (0 for an unknown one). */
  int cityBit(String adcode) {
    Integer i = cityIndex.get(adcode);
    return i == null ? 0 : 1 << i;
  }

  /**
   * The service bit after the taxonomy's: second incubation (二次孵化), offered by mentors and parks
   * tagged with it and needed by failed or re-opened projects, so that it counts in {@code needs}.
   */
  public int secondIncubationBit() {
    return 1 << taxonomy.services().size();
  }

  /** How many service bits there are, second incubation included. */
  public int serviceBits() {
    return taxonomy.services().size() + 1;
  }

  public int serviceBit(String code) {
    Integer i = serviceIndex.get(code);
    return i == null ? 0 : 1 << i;
  }

  public int groupBit(String code) {
    Integer i = groupIndex.get(code);
    return i == null ? 0 : 1 << i;
  }

  public int stageCount() {
    return stageIndex.size();
  }

  List<String> serviceNames(int mask) {
    List<String> out = new ArrayList<>();
    int i = 0;
    for (Service s : taxonomy.services()) {
      if ((mask & (1 << i)) != 0) out.add(s.name());
      i++;
    }
    if ((mask & secondIncubationBit()) != 0) out.add(SECOND_INCUBATION_TAG);
    return out;
  }

  String stageName(int order) {
    for (Stage s : taxonomy.stages()) if (s.order() == order) return s.name();
    return "";
  }

  /** The features of one entity with no current assignments. */
  public Features of(Entity e) {
    return of(e, 0);
  }

  /**
   * The features of one entity; {@code assigned} current assignments (mentors, parks) take slots
   * from its capacity.
   */
  public Features of(Entity e, int assigned) {
    return new Features(builder(e, assigned));
  }

  /**
   * The features of many entities ({@code null} entries stay {@code null}) with their current
   * assignments, allocated in one tight pass so that they lie together in memory.
   */
  public Features[] of(Entity[] entities, int[] assigned) {
    Features.Builder[] builders = new Features.Builder[entities.length];
    for (int i = 0; i < entities.length; i++)
      if (entities[i] != null) builders[i] = builder(entities[i], assigned[i]);
    Features[] out = new Features[entities.length];
    for (int i = 0; i < entities.length; i++)
      if (builders[i] != null) out[i] = new Features(builders[i]);
    return out;
  }

  /**
   * What each kind of organiser brings to an event: an investor capital and finance, a park space
   * and industry links, a mentor training, market and talent, a government body policy, compliance
   * and training.
   */
  static final java.util.Map<String, List<String>> ORGANISER_SERVICES =
      java.util.Map.of(
          "investors", List.of("capital", "finance"),
          "parks", List.of("space", "industry"),
          "mentors", List.of("training", "market", "talent"),
          "gov", List.of("policy", "compliance", "training"));

  /** Index of the entity's kind in the code list of its type, or -1. */
  public static int kindIndex(Entity e) {
    String kind =
        switch (e) {
          case Mentor m -> m.kind();
          case Park k -> k.kind();
          case Investor i -> i.kind();
          case Policy p -> p.category();
          case Event v -> v.kind();
          case Project p -> null;
        };
    return kind == null ? -1 : Codes.kindsOf(e.type()).indexOf(kind);
  }

  private Features.Builder builder(Entity e, int assigned) {
    Features.Builder b = new Features.Builder();
    b.entity = e;
    StringBuilder text = new StringBuilder(e.name()).append(' ').append(e.description());
    e.tags().forEach(t -> text.append(' ').append(t));
    b.secondIncubation = e.tags().contains(SECOND_INCUBATION_TAG);
    switch (e) {
      case Project p -> {
        b.sectors = sectors(p.sectors());
        b.mainSector =
            p.sectors().isEmpty() ? -1 : sectorIndex.getOrDefault(p.sectors().get(0), -1);
        b.stage = stageIndex.getOrDefault(p.stage(), -1);
        b.stages = b.stage < 0 ? 0 : 1 << b.stage;
        b.services = services(p.needs());
        // a failed or re-opened project needs a second incubation
        if ("failed".equals(p.status()) || b.secondIncubation) b.services |= secondIncubationBit();
        location(b, p.location());
        b.active = "active".equals(p.status());
        b.failed = "failed".equals(p.status());
        b.consent =
            (p.consent().mentors() ? Features.CONSENT_MENTORS : 0)
                | (p.consent().parks() ? Features.CONSENT_PARKS : 0)
                | (p.consent().investors() ? Features.CONSENT_INVESTORS : 0);
        b.fundingNeed = p.fundingNeed() == null ? -1 : p.fundingNeed();
        b.employees = p.employees() == null ? -1 : p.employees();
        if (p.founder() != null && p.founder().groups() != null)
          for (String g : p.founder().groups()) b.founderGroups |= groupBit(g);
      }
      case Mentor m -> {
        b.sectors = sectors(m.sectors());
        b.stages = stages(m.stages());
        b.services = services(m.services()) | (b.secondIncubation ? secondIncubationBit() : 0);
        location(b, m.location());
        b.scope = districts(m.serviceDistricts());
        b.capacity = m.capacity() - assigned; // free slots
        if (m.org() != null) text.append(' ').append(m.org());
      }
      case Park k -> {
        b.sectors = sectors(k.sectors());
        b.stages = stages(k.stages());
        b.services = services(k.services()) | (b.secondIncubation ? secondIncubationBit() : 0);
        location(b, k.location());
        b.areaAvailable = k.areaAvailable() == null ? -1 : k.areaAvailable();
        b.capacity = k.capacity() == null ? -1 : k.capacity();
        // assigned projects move in: they count as tenants (a known lower bound when none stated)
        b.tenants = k.tenants() == null ? (assigned > 0 ? assigned : -1) : k.tenants() + assigned;
        b.governmentInvested = k.governmentInvested();
        b.returneePark = k.tags().contains(RETURNEE_PARK_TAG);
      }
      case Investor i -> {
        b.sectors = sectors(i.sectors());
        b.stages = stages(i.stages());
        location(b, i.location());
        b.scope = districts(i.serviceDistricts());
        b.ticketMin = i.ticketMin() == null ? -1 : i.ticketMin();
        b.ticketMax = i.ticketMax() == null ? -1 : i.ticketMax();
        b.instruments =
            (i.instruments().contains("debt") ? Features.DEBT : 0)
                | (i.instruments().contains("equity") ? Features.EQUITY : 0)
                | (i.instruments().contains("grant") ? Features.GRANT : 0);
        b.services = services(Codes.investorServices(i));
        b.portfolio = i.portfolioSize() == null ? -1 : i.portfolioSize();
        i.products().forEach(x -> text.append(' ').append(x));
      }
      case Policy p -> {
        b.sectors = sectors(p.sectors());
        b.stages = stages(p.stages());
        b.scope = districts(p.districts());
        b.validFrom = p.validFrom() == null ? Long.MIN_VALUE : p.validFrom().toEpochDay();
        b.validUntil = p.validUntil() == null ? Long.MAX_VALUE : p.validUntil().toEpochDay();
        b.founderAudience = "founder".equals(p.audience());
        b.benefitMax =
            p.benefit() == null || p.benefit().maxAmount() == null ? -1 : p.benefit().maxAmount();
        if (p.benefit() != null) text.append(' ').append(p.benefit().text());
      }
      case Event v -> {
        b.sectors = sectors(v.sectors());
        b.stages = stages(v.stages());
        b.services = services(v.needs());
        location(b, v.location());
        // open: takes sign-ups; whether it is still ahead depends on the request's time
        b.active = "open".equals(v.status());
        b.capacity = v.capacity() == null ? -1 : v.capacity();
        b.eventStart = v.start().getEpochSecond();
        b.eventDeadline =
            (v.registrationDeadline() == null ? v.start() : v.registrationDeadline())
                .getEpochSecond();
        if (v.series() != null) text.append(' ').append(v.series());
        if (v.organiser() != null) {
          b.organiser = Codes.ORGANISER_TYPES.indexOf(v.organiser().type());
          b.organiserServices = services(ORGANISER_SERVICES.get(v.organiser().type()));
        }
      }
    }
    b.keywordSectors = keywordSectors(text.toString());
    b.kind = kindIndex(e);
    return b;
  }

  private long keywordSectors(String text) {
    String lower = text.toLowerCase(Locale.ROOT);
    long mask = 0;
    for (int i = 0; i < sectorList.size(); i++) {
      for (String k : sectorList.get(i).keywords()) {
        if (lower.contains(k.toLowerCase(Locale.ROOT))) {
          mask |= 1L << i;
          break;
        }
      }
    }
    return mask;
  }

  /** The district index (−1 outside Qingdao's districts) and the point ({@link Location#point}). */
  private void location(Features.Builder b, Location l) {
    if (l == null) return;
    Integer d = l.district() == null ? null : districtIndex.get(l.district());
    b.district = d == null ? -1 : d;
    Integer ci = l.city() == null ? null : cityIndex.get(l.city());
    b.city = ci == null ? -1 : ci;
    double[] point = l.point(taxonomy);
    if (point != null) {
      b.lat = point[0];
      b.lon = point[1];
    }
  }

  private long sectors(List<String> codes) {
    long m = 0;
    for (String c : codes) {
      Integer i = sectorIndex.get(c);
      if (i != null) m |= 1L << i;
    }
    return m;
  }

  private int stages(List<String> codes) {
    int m = 0;
    for (String c : codes) {
      Integer i = stageIndex.get(c);
      if (i != null) m |= 1 << i;
    }
    return m;
  }

  private int services(List<String> codes) {
    int m = 0;
    for (String c : codes) m |= serviceBit(c);
    return m;
  }

  /** A scope bit no Qingdao district has: a scope of only places outside the city. */
  static final int OUTSIDE = 1 << 31;

  private int districts(List<String> codes) {
    int m = 0;
    for (String c : codes) {
      Integer i = districtIndex.get(c);
      m |= i != null ? 1 << i : OUTSIDE;
    }
    return m;
  }
}
