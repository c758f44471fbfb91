package cn.qingdao.peipao.core.scoring;

import java.util.List;

/**
 * Optional narrowing of a recommendation by the candidate's district, sector, stage, kind,
 * need/service codes and city (adcode), and by words its text must contain; within one code
 * dimension the values are alternatives, across dimensions all must hold. Empty lists and an empty
 * {@code text} mean no filter.
 *
 * @param text words every candidate's text must contain, all of them once segmented the way the
 *     index segments text ("" for none)
 */
public record RequestFilters(
    List<String> districts,
    List<String> sectors,
    List<String> stages,
    List<String> kinds,
    List<String> needs,
    String text,
    List<String> cities) {
  public static final RequestFilters NONE =
      new RequestFilters(List.of(), List.of(), List.of(), List.of(), List.of());

  public RequestFilters {
    districts = List.copyOf(districts);
    sectors = List.copyOf(sectors);
    stages = List.copyOf(stages);
    kinds = List.copyOf(kinds);
    needs = List.copyOf(needs);
    text = text == null ? "" : text.strip();
    cities = cities == null ? List.of() : List.copyOf(cities);
  }

  /** Code filters and required words, no city filter. */
  public RequestFilters(
      List<String> districts,
      List<String> sectors,
      List<String> stages,
      List<String> kinds,
      List<String> needs,
      String text) {
    this(districts, sectors, stages, kinds, needs, text, List.of());
  }

  /** Code filters only, no required words. */
  public RequestFilters(
      List<String> districts,
      List<String> sectors,
      List<String> stages,
      List<String> kinds,
      List<String> needs) {
    this(districts, sectors, stages, kinds, needs, "", List.of());
  }

  /** The same filters, the candidates' text required to contain every word of {@code text}. */
  public RequestFilters withText(String text) {
    return new RequestFilters(districts, sectors, stages, kinds, needs, text, cities);
  }

  /** The same filters, the candidates' city among {@code cities} (adcodes). */
  public RequestFilters withCities(List<String> cities) {
    return new RequestFilters(districts, sectors, stages, kinds, needs, text, cities);
  }
}
