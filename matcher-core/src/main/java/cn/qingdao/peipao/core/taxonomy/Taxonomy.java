package cn.qingdao.peipao.core.taxonomy;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The validated, immutable vocabulary of the service. Look-ups are O(1); iteration follows the
 * order of the data file (stages in life-cycle order).
 */
public final class Taxonomy {
  private final String version;
  private final Map<String, Sector> sectors;
  private final Map<String, Stage> stages;
  private final Map<String, District> districts;
  private final Map<String, District> districtsByAdcode;
  private final Map<String, Service> services;
  private final Map<String, FounderGroup> founderGroups;
  private final List<List<String>> synonyms;
  private final Places places;

  Taxonomy(
      String version,
      List<Sector> sectors,
      List<Stage> stages,
      List<District> districts,
      List<Service> services,
      List<FounderGroup> founderGroups,
      List<List<String>> synonyms,
      Places places) {
    this.version = version;
    this.sectors = index(sectors, Sector::code);
    this.stages = index(stages, Stage::code);
    this.districts = index(districts, District::code);
    this.districtsByAdcode = index(districts, District::adcode);
    this.services = index(services, Service::code);
    this.founderGroups = index(founderGroups, FounderGroup::code);
    this.synonyms = synonyms.stream().map(List::copyOf).toList();
    this.places = places;
  }

  private static <T> Map<String, T> index(List<T> items, Function<T, String> key) {
    Map<String, T> m = new LinkedHashMap<>();
    for (T t : items) m.put(key.apply(t), t);
    return Collections.unmodifiableMap(m);
  }

  /** The version string of the data file, echoed by the API and stored with the index. */
  public String version() {
    return version;
  }

  public Collection<Sector> sectors() {
    return sectors.values();
  }

  public Optional<Sector> sector(String code) {
    return Optional.ofNullable(sectors.get(code));
  }

  public Collection<Stage> stages() {
    return stages.values();
  }

  public Optional<Stage> stage(String code) {
    return Optional.ofNullable(stages.get(code));
  }

  public Collection<District> districts() {
    return districts.values();
  }

  public Optional<District> district(String code) {
    return Optional.ofNullable(districts.get(code));
  }

  public Optional<District> districtByAdcode(String adcode) {
    return Optional.ofNullable(districtsByAdcode.get(adcode));
  }

  /** Shandong's places: province, cities, counties (Qingdao's counties are the districts). */
  public Places places() {
    return places;
  }

  public Collection<Service> services() {
    return services.values();
  }

  public Optional<Service> service(String code) {
    return Optional.ofNullable(services.get(code));
  }

  public Collection<FounderGroup> founderGroups() {
    return founderGroups.values();
  }

  public boolean hasFounderGroup(String code) {
    return founderGroups.containsKey(code);
  }

  /** Groups of words that mean the same (e.g. AI, 人工智能), sector keywords included. */
  public List<List<String>> synonyms() {
    return synonyms;
  }

  public String sectorCodes() {
    return String.join(", ", sectors.keySet());
  }

  public String stageCodes() {
    return String.join(", ", stages.keySet());
  }

  public String districtCodes() {
    return String.join(", ", districts.keySet());
  }

  public String serviceCodes() {
    return String.join(", ", services.keySet());
  }

  public String founderGroupCodes() {
    return String.join(", ", founderGroups.keySet());
  }

  public List<String> stageCodeList() {
    return List.copyOf(stages.keySet());
  }

  @Override
  public String toString() {
    return "Taxonomy["
        + version
        + ": "
        + sectors.size()
        + " sectors, "
        + stages.size()
        + " stages, "
        + districts.size()
        + " districts, "
        + services.size()
        + " services, "
        + founderGroups.keySet().stream().collect(Collectors.joining(","))
        + "]";
  }
}
