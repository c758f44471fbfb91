package cn.qingdao.peipao.benchmarks.peers;

import cn.qingdao.peipao.core.scoring.Features;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A mentor's column fields and its analysed text, as every peer indexes it.
 *
 * @param tokens the SmartCN tokens of the mentor's indexed text, in order
 */
record MentorRow(
    String id,
    long sectors,
    long keywordSectors,
    int mainSector,
    int stages,
    int services,
    int capacity,
    int scope,
    boolean secondIncubation,
    int district,
    double lat,
    double lon,
    String[] tokens) {

  static MentorRow of(String id, Features f, String[] tokens) {
    return new MentorRow(
        id,
        f.sectors,
        f.keywordSectors,
        f.mainSector,
        f.stages,
        f.services,
        f.capacity,
        f.scope,
        f.secondIncubation,
        f.district,
        f.hasPoint() ? f.lat : Double.NaN,
        f.hasPoint() ? f.lon : Double.NaN,
        tokens);
  }

  /** One tab-separated line; tokens space-joined (SmartCN tokens hold no whitespace). */
  String line() {
    return String.join(
        "\t",
        id,
        Long.toString(sectors),
        Long.toString(keywordSectors),
        Integer.toString(mainSector),
        Integer.toString(stages),
        Integer.toString(services),
        Integer.toString(capacity),
        Integer.toString(scope),
        secondIncubation ? "1" : "0",
        Integer.toString(district),
        Double.toString(lat),
        Double.toString(lon),
        String.join(" ", tokens));
  }

  static MentorRow parse(String line) {
    String[] f = line.split("\t", -1);
    return new MentorRow(
        f[0],
        Long.parseLong(f[1]),
        Long.parseLong(f[2]),
        Integer.parseInt(f[3]),
        Integer.parseInt(f[4]),
        Integer.parseInt(f[5]),
        Integer.parseInt(f[6]),
        Integer.parseInt(f[7]),
        f[8].equals("1"),
        Integer.parseInt(f[9]),
        Double.parseDouble(f[10]),
        Double.parseDouble(f[11]),
        f[12].isEmpty() ? new String[0] : f[12].split(" "));
  }

  /** The mentor as the search-engine peers index it (OpenSearch's and Solr's field names). */
  ObjectNode document() {
    MentorRow m = this;
    ObjectNode d = JsonNodeFactory.instance.objectNode();
    d.put("id", m.id()).put("sectors", m.sectors()).put("kw", m.keywordSectors());
    d.put("stages", m.stages()).put("services", m.services()).put("capacity", m.capacity());
    d.put("district", m.district()).put("second", m.secondIncubation());
    ArrayNode bits = d.putArray("sector_bits");
    for (long b = m.sectors(); b != 0; b &= b - 1) bits.add(Long.numberOfTrailingZeros(b));
    ArrayNode scope = d.putArray("scope");
    if (m.scope() == 0) scope.add("any");
    for (int b = m.scope(); b != 0; b &= b - 1)
      scope.add(Integer.toString(Integer.numberOfTrailingZeros(b)));
    if (m.hasPoint()) d.put("lat", m.lat()).put("lon", m.lon());
    d.put("text", String.join(" ", m.tokens()));
    return d;
  }

  boolean hasPoint() {
    return !Double.isNaN(lat);
  }
}
