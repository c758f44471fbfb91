package cn.qingdao.peipao.index.search;

import cn.qingdao.peipao.core.model.Codes;
import cn.qingdao.peipao.core.model.Entity;
import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.model.Event;
import cn.qingdao.peipao.core.model.Investor;
import cn.qingdao.peipao.core.model.Location;
import cn.qingdao.peipao.core.model.Mentor;
import cn.qingdao.peipao.core.model.Park;
import cn.qingdao.peipao.core.model.Policy;
import cn.qingdao.peipao.core.model.Project;
import cn.qingdao.peipao.core.scoring.FeatureExtractor;
import cn.qingdao.peipao.core.taxonomy.Taxonomy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.ObjIntConsumer;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LatLonDocValuesField;
import org.apache.lucene.document.LatLonPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.facet.FacetsConfig;
import org.apache.lucene.facet.sortedset.SortedSetDocValuesFacetField;
import org.apache.lucene.index.Term;
import org.apache.lucene.util.BytesRef;

/**
 * Maps an entity to its Lucene document: keyword fields for codes (filters), facet fields, analysed
 * Chinese text, numeric points and doc values, a geo point (the district seat when the entity gives
 * none) and the stored JSON returned by searches.
 */
public final class EntityDocuments {
  /** Bump when the mapping changes: an index built with another version is rebuilt at start. */
  public static final int MAPPING_VERSION = 8;

  public static final String UID = "uid";
  public static final String TYPE = "type";
  public static final String ID = "id";
  public static final String ID_SORT = "id_sort";
  public static final String JSON = "json";
  public static final String NAME = "name";

  /** The analyzer's name for full text; the text itself is indexed once, in {@link #textOf}. */
  public static final String TEXT = "text";

  public static final String SECTOR_TEXT = "sector_text";
  public static final String SECTOR = "sector";
  public static final String STAGE = "stage";
  public static final String DISTRICT = "district";
  public static final String CITY = "city";
  public static final String NEED = "need";
  public static final String KIND = "kind";
  public static final String STATUS = "status";
  public static final String GEO = "geo";

  // Hard constraints of recommendations, as filter fields ("*" = no restriction).
  public static final String CONSENT = "consent";
  public static final String SCOPE = "scope";
  public static final String ROOM = "room";
  public static final String SECOND_INCUBATION = "second_incubation";

  /** Free slots of a mentor: capacity less current assignments. */
  public static final String MENTOR_CAPACITY = "mentor_capacity";

  /** Current assignments of a mentor or park (stored). */
  public static final String ASSIGNED = "assigned";

  public static final String POLICY_STAGE = "policy_stage";
  public static final String POLICY_SECTOR = "policy_sector";
  public static final String AUDIENCE = "audience";
  public static final String VALID_FROM = "valid_from";
  public static final String VALID_UNTIL = "valid_until";
  public static final String ANY = "*";

  /** An event's start and registration deadline, epoch seconds (points and doc values). */
  public static final String EVENT_START = "event_start";

  public static final String EVENT_DEADLINE = "event_deadline";

  /**
   * The full text of one type. Per type, so that a type's corpus statistics (and so its
   * recommendations) do not move with writes to others.
   */
  public static String textOf(EntityType type) {
    return "text_" + type.path();
  }

  /** Stored: how often each term occurs in the full text, which exact text relevance reads. */
  static final String TERM_COUNTS = "term_counts";

  /** Dimensions with facet counts in search answers. */
  public static final List<String> FACETS = List.of(SECTOR, STAGE, DISTRICT, CITY, KIND);

  private final Taxonomy taxonomy;
  private final Analyzer analyzer;
  private final FacetsConfig facets = new FacetsConfig();

  /** {@code analyzer} analyses the full text, as the index writer's analyzer would. */
  public EntityDocuments(Taxonomy taxonomy, Analyzer analyzer) {
    this.taxonomy = taxonomy;
    this.analyzer = analyzer;
    for (String dim : FACETS) facets.setMultiValued(dim, true);
  }

  public FacetsConfig facetsConfig() {
    return facets;
  }

  public static Term uid(EntityType type, String id) {
    return new Term(UID, type.path() + "/" + id);
  }

  /**
   * The document of {@code e}, whose contract JSON is {@code json}, with its {@code assigned}
   * current assignments (which take mentor slots and park places).
   */
  public Document document(Entity e, String json, int assigned) {
    Document d = new Document();
    d.add(new StringField(UID, uid(e.type(), e.id()).text(), Field.Store.NO));
    d.add(new StringField(TYPE, e.type().path(), Field.Store.YES));
    if (e.tags().contains(FeatureExtractor.SECOND_INCUBATION_TAG))
      d.add(new StringField(SECOND_INCUBATION, "yes", Field.Store.NO));
    d.add(new StringField(ID, e.id(), Field.Store.YES));
    d.add(new SortedDocValuesField(ID_SORT, new BytesRef(e.id())));
    d.add(new StoredField(JSON, json));
    d.add(new TextField(NAME, e.name(), Field.Store.NO));
    switch (e) {
      case Project p -> {
        codes(d, SECTOR, p.sectors());
        codes(d, STAGE, List.of(p.stage()));
        codes(d, NEED, p.needs());
        keyword(d, STATUS, p.status());
        if (p.consent().mentors()) keyword(d, CONSENT, "mentors");
        if (p.consent().parks()) keyword(d, CONSENT, "parks");
        if (p.consent().investors()) keyword(d, CONSENT, "investors");
        location(d, p.location());
        number(d, "fundingNeed", p.fundingNeed());
        number(d, "employees", p.employees() == null ? null : p.employees().longValue());
      }
      case Mentor m -> {
        codes(d, SECTOR, m.sectors());
        codes(d, STAGE, m.stages());
        codes(d, NEED, m.services());
        codes(d, KIND, List.of(m.kind()));
        location(d, m.location());
        number(d, "capacity", (long) m.capacity());
        number(d, MENTOR_CAPACITY, (long) m.capacity() - assigned);
        d.add(new StoredField(ASSIGNED, assigned));
        scope(d, SCOPE, m.serviceDistricts());
      }
      case Park k -> {
        codes(d, SECTOR, k.sectors());
        codes(d, STAGE, k.stages());
        codes(d, NEED, k.services());
        codes(d, KIND, List.of(k.kind()));
        location(d, k.location());
        number(d, "areaAvailable", k.areaAvailable());
        number(d, "capacity", k.capacity() == null ? null : k.capacity().longValue());
        d.add(new StoredField(ASSIGNED, assigned));
        int occupied = (k.tenants() == null ? 0 : k.tenants()) + assigned;
        boolean full =
            k.capacity() != null
                && (k.tenants() != null || assigned > 0)
                && occupied >= k.capacity();
        boolean noArea = k.areaAvailable() != null && k.areaAvailable() == 0;
        keyword(d, ROOM, full || noArea ? "no" : "yes");
      }
      case Investor i -> {
        codes(d, SECTOR, i.sectors());
        codes(d, STAGE, i.stages());
        codes(d, NEED, Codes.investorServices(i));
        codes(d, KIND, List.of(i.kind()));
        location(d, i.location());
        number(d, "ticketMin", i.ticketMin());
        number(d, "ticketMax", i.ticketMax());
        scope(d, SCOPE, i.serviceDistricts());
      }
      case Policy p -> {
        codes(d, SECTOR, p.sectors());
        codes(d, STAGE, p.stages());
        codes(d, KIND, List.of(p.category()));
        codes(d, DISTRICT, p.districts());
        keyword(d, AUDIENCE, p.audience());
        scope(d, SCOPE, p.districts());
        scope(d, POLICY_STAGE, p.stages());
        scope(d, POLICY_SECTOR, p.sectors());
        number(d, VALID_FROM, p.validFrom() == null ? Long.MIN_VALUE : p.validFrom().toEpochDay());
        number(
            d, VALID_UNTIL, p.validUntil() == null ? Long.MAX_VALUE : p.validUntil().toEpochDay());
        number(d, "validUntil", p.validUntil() == null ? null : p.validUntil().toEpochDay());
        number(d, "maxAmount", p.benefit() == null ? null : p.benefit().maxAmount());
      }
      case Event v -> {
        codes(d, SECTOR, v.sectors());
        codes(d, STAGE, v.stages());
        codes(d, NEED, v.needs());
        codes(d, KIND, List.of(v.kind()));
        keyword(d, STATUS, v.status());
        location(d, v.location());
        scope(d, SCOPE, List.of()); // open to every district
        number(d, EVENT_START, v.start().getEpochSecond());
        number(
            d,
            EVENT_DEADLINE,
            (v.registrationDeadline() == null ? v.start() : v.registrationDeadline())
                .getEpochSecond());
        number(d, "capacity", v.capacity() == null ? null : v.capacity().longValue());
      }
    }
    // analysed once: indexed from the tokens, and counted for exact text relevance
    AnalyzedText text = AnalyzedText.of(analyzer, textOf(e.type()), indexedText(e));
    d.add(new TextField(textOf(e.type()), text.tokens()));
    d.add(new StoredField(TERM_COUNTS, text.termCounts()));
    d.add(new TextField(SECTOR_TEXT, sectorText(e), Field.Store.NO));
    try {
      return facets.build(d);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
  }

  /**
   * Passes each term of the full text of stored document {@code d} and how often it occurs, in the
   * index's term order; nothing when {@code d} has no text.
   */
  public static void forEachTermCount(Document d, ObjIntConsumer<String> action) {
    BytesRef counts = d.getBinaryValue(TERM_COUNTS);
    if (counts != null) AnalyzedText.forEachCount(counts, action);
  }

  /**
   * The full text of an entity as the {@code text} field indexes it: name, description, tags and
   * the type's other words (mentor's organisation, investor's products, policy's issuer and
   * benefit). Recommendations analyse an ad-hoc subject's text the same way.
   */
  public static String indexedText(Entity e) {
    StringBuilder text = new StringBuilder(e.name()).append('\n').append(e.description());
    for (String tag : e.tags()) text.append('\n').append(tag);
    switch (e) {
      case Mentor m -> {
        if (m.org() != null) text.append('\n').append(m.org());
      }
      case Investor i -> i.products().forEach(p -> text.append('\n').append(p));
      case Policy p -> {
        text.append('\n').append(p.issuer());
        if (p.benefit() != null) text.append('\n').append(p.benefit().text());
      }
      case Event v -> {
        if (v.series() != null) text.append('\n').append(v.series());
        if (v.organiser() != null && v.organiser().name() != null)
          text.append('\n').append(v.organiser().name());
      }
      case Project p -> {}
      case Park k -> {}
    }
    return text.toString();
  }

  private String sectorText(Entity e) {
    List<String> codes =
        switch (e) {
          case Project p -> p.sectors();
          case Mentor m -> m.sectors();
          case Park k -> k.sectors();
          case Investor i -> i.sectors();
          case Policy p -> p.sectors();
          case Event v -> v.sectors();
        };
    StringBuilder b = new StringBuilder();
    for (String c : codes) {
      taxonomy.sector(c).ifPresent(s -> b.append(s.name()).append(' '));
    }
    return b.toString();
  }

  private void location(Document d, Location l) {
    if (l == null) return;
    if (l.district() != null) codes(d, DISTRICT, List.of(l.district()));
    if (l.city() != null) codes(d, CITY, List.of(l.city()));
    double[] point = l.point(taxonomy);
    if (point != null) {
      d.add(new LatLonPoint(GEO, point[0], point[1]));
      d.add(new LatLonDocValuesField(GEO, point[0], point[1]));
    }
  }

  private static void codes(Document d, String field, List<String> values) {
    for (String v : values) {
      d.add(new StringField(field, v, Field.Store.NO));
      if (FACETS.contains(field)) d.add(new SortedSetDocValuesFacetField(field, v));
    }
  }

  /** The codes of a scope, or {@value #ANY} when the list is empty (no restriction). */
  private static void scope(Document d, String field, List<String> codes) {
    if (codes.isEmpty()) d.add(new StringField(field, ANY, Field.Store.NO));
    for (String c : codes) d.add(new StringField(field, c, Field.Store.NO));
  }

  private static void keyword(Document d, String field, String value) {
    if (value != null) d.add(new StringField(field, value, Field.Store.NO));
  }

  private static void number(Document d, String field, Long value) {
    if (value == null) return;
    d.add(new LongPoint(field, value));
    d.add(new NumericDocValuesField(field, value));
  }
}
