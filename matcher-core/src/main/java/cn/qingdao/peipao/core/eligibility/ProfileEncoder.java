package cn.qingdao.peipao.core.eligibility;

import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Location;
import cn.qingdao.peipao.core.model.ProfileField;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.taxonomy.District;
import cn.qingdao.peipao.core.taxonomy.FounderGroup;
import cn.qingdao.peipao.core.taxonomy.Place;
import cn.qingdao.peipao.core.taxonomy.Sector;
import cn.qingdao.peipao.core.taxonomy.Service;
import cn.qingdao.peipao.core.taxonomy.Stage;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The bit position of every code a condition may name, per field (taxonomy order; stages and award
 * levels in their natural order, so that masks compare by order), and the encoding of a project
 * into {@link ProfileFacts}.
 */
public final class ProfileEncoder {
  private final Map<ProfileField, List<String>> codes = new EnumMap<>(ProfileField.class);
  private final Map<ProfileField, Map<String, Integer>> index = new EnumMap<>(ProfileField.class);
  private final Map<ProfileField, Map<String, String>> names = new EnumMap<>(ProfileField.class);
  private final Taxonomy taxonomy;

  /** The city whose districts the DISTRICT field codes (Qingdao). */
  private final String districtCity;

  public ProfileEncoder(Taxonomy taxonomy) {
    List<Stage> stages = new ArrayList<>(taxonomy.stages());
    stages.sort(Comparator.comparingInt(Stage::order));
    put(ProfileField.SECTORS, taxonomy.sectors(), Sector::code, Sector::name);
    put(ProfileField.STAGE, stages, Stage::code, Stage::name);
    put(ProfileField.DISTRICT, taxonomy.districts(), District::code, District::name);
    put(
        ProfileField.FOUNDER_GROUPS,
        taxonomy.founderGroups(),
        FounderGroup::code,
        FounderGroup::name);
    put(ProfileField.NEEDS, taxonomy.services(), Service::code, Service::name);
    put(ProfileField.STATUS, Codes.PROJECT_STATUS, c -> c, c -> c);
    put(ProfileField.AWARD_LEVEL, Codes.AWARD_LEVELS, c -> c, c -> c);
    this.taxonomy = taxonomy;
    this.districtCity =
        taxonomy.districts().stream()
            .findFirst()
            .flatMap(d -> taxonomy.places().ofDistrict(d.code()))
            .map(Place::parent)
            .orElse(null);
    for (Map.Entry<ProfileField, List<String>> e : codes.entrySet()) {
      if (e.getValue().size() > 63) {
        throw new IllegalArgumentException(
            "the taxonomy has "
                + e.getValue().size()
                + " codes for "
                + e.getKey().path()
                + "; eligibility masks hold at most 63");
      }
    }
  }

  private <T> void put(
      ProfileField field, Collection<T> items, Function<T, String> code, Function<T, String> name) {
    List<String> list = new ArrayList<>();
    Map<String, Integer> idx = new HashMap<>();
    Map<String, String> nm = new HashMap<>();
    for (T item : items) {
      idx.put(code.apply(item), list.size());
      nm.put(code.apply(item), name.apply(item));
      list.add(code.apply(item));
    }
    codes.put(field, List.copyOf(list));
    index.put(field, idx);
    names.put(field, nm);
  }

  /** How many codes {@code field} has (its masks use the low bits). */
  int size(ProfileField field) {
    return codes.get(field).size();
  }

  /** The position of {@code code} in {@code field}'s list, or -1 (e.g. a place outside Qingdao). */
  int position(ProfileField field, String code) {
    Map<String, Integer> idx = index.get(field);
    Integer i = idx == null || code == null ? null : idx.get(code);
    return i == null ? -1 : i;
  }

  /** The mask of {@code values} in {@code field}'s code list; unknown codes add nothing. */
  long mask(ProfileField field, Collection<String> values) {
    long m = 0;
    if (values == null) return 0;
    for (String v : values) {
      int i = position(field, v);
      if (i >= 0) m |= 1L << i;
    }
    return m;
  }

  /** The place hierarchy region conditions test against. */
  cn.qingdao.peipao.core.taxonomy.Places places() {
    return taxonomy.places();
  }

  /** The Chinese name of a code, or the code itself when it has none. */
  String name(ProfileField field, String code) {
    if (field == ProfileField.REGION) return taxonomy.places().name(code);
    Map<String, String> nm = names.get(field);
    return nm == null ? code : nm.getOrDefault(code, code);
  }

  /** Encodes {@code p}; O(fields). Empty sectors and needs count as not stated. */
  public ProfileFacts encode(Project p) {
    int given = 0;
    long sectors = mask(ProfileField.SECTORS, p.sectors());
    if (p.sectors() != null && !p.sectors().isEmpty()) given |= bit(ProfileField.SECTORS);
    int stage = position(ProfileField.STAGE, p.stage());
    if (p.stage() != null) given |= bit(ProfileField.STAGE);
    int district = -1;
    List<String> regions = List.of();
    if (p.location() != null) {
      Location l = p.location();
      district = position(ProfileField.DISTRICT, l.district());
      regions = taxonomy.places().chain(l.place(taxonomy));
      // A place outside the city of the districts lies in none of them: the district is known.
      if (l.district() != null || (l.city() != null && !l.city().equals(districtCity)))
        given |= bit(ProfileField.DISTRICT);
      if (!regions.isEmpty()) given |= bit(ProfileField.REGION);
    }
    long groups = 0;
    double graduation = Double.NaN;
    if (p.founder() != null) {
      if (p.founder().groups() != null) {
        groups = mask(ProfileField.FOUNDER_GROUPS, p.founder().groups());
        given |= bit(ProfileField.FOUNDER_GROUPS);
      }
      if (p.founder().graduationYear() != null) {
        graduation = p.founder().graduationYear();
        given |= bit(ProfileField.GRADUATION_YEAR) | bit(ProfileField.YEARS_SINCE_GRADUATION);
      }
    }
    long needs = mask(ProfileField.NEEDS, p.needs());
    if (p.needs() != null && !p.needs().isEmpty()) given |= bit(ProfileField.NEEDS);
    if (p.fundingNeed() != null) given |= bit(ProfileField.FUNDING_NEED);
    if (p.employees() != null) given |= bit(ProfileField.EMPLOYEES);
    long registered = 0;
    if (p.registeredAt() != null) {
      registered = p.registeredAt().toEpochDay();
      given |= bit(ProfileField.REGISTERED_AT) | bit(ProfileField.YEARS_SINCE_REGISTRATION);
    }
    long awardLevels = 0;
    int[] awardYears = new int[0];
    if (p.awards() != null) {
      given |= bit(ProfileField.AWARD_LEVEL) | bit(ProfileField.AWARD_YEAR);
      awardYears =
          p.awards().stream().filter(a -> a.year() != null).mapToInt(a -> a.year()).toArray();
      for (Project.Award a : p.awards()) {
        int i = position(ProfileField.AWARD_LEVEL, a.level());
        if (i >= 0) awardLevels |= 1L << i;
      }
    }
    long flags = 0;
    if (p.flags() != null) {
      if (p.flags().highTech() != null) {
        given |= bit(ProfileField.HIGH_TECH);
        if (p.flags().highTech()) flags |= bit(ProfileField.HIGH_TECH);
      }
      if (p.flags().specialized() != null) {
        given |= bit(ProfileField.SPECIALIZED);
        if (p.flags().specialized()) flags |= bit(ProfileField.SPECIALIZED);
      }
    }
    if (p.inPark() != null) {
      given |= bit(ProfileField.IN_PARK);
      if (p.inPark()) flags |= bit(ProfileField.IN_PARK);
    }
    int status = position(ProfileField.STATUS, p.status());
    if (p.status() != null) given |= bit(ProfileField.STATUS);
    if (!p.tags().isEmpty()) given |= bit(ProfileField.TAGS);
    return new ProfileFacts(
        p,
        given,
        sectors,
        groups,
        needs,
        awardLevels,
        flags,
        stage,
        district,
        status,
        graduation,
        p.fundingNeed() == null ? Double.NaN : p.fundingNeed(),
        p.employees() == null ? Double.NaN : p.employees(),
        registered,
        awardYears,
        regions);
  }

  static int bit(ProfileField f) {
    return 1 << f.ordinal();
  }
}
