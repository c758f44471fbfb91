package cn.qingdao.peipao.core.scoring;

import java.util.List;

/**
 * Optional narrowing of a recommendation by the candidate's district, sector, stage, kind and
 * need/service codes; within one dimension the values are alternatives, across dimensions all must
 * hold. Empty lists mean no filter.
 */
public record RequestFilters(
    List<String> districts,
    List<String> sectors,
    List<String> stages,
    List<String> kinds,
    List<String> needs) {
  public static final RequestFilters NONE =
      new RequestFilters(List.of(), List.of(), List.of(), List.of(), List.of());

  public RequestFilters {
    districts = List.copyOf(districts);
    sectors = List.copyOf(sectors);
    stages = List.copyOf(stages);
    kinds = List.copyOf(kinds);
    needs = List.copyOf(needs);
  }
}
