package cn.qingdao.peipao.index.recommend;

import cn.qingdao.peipao.core.model.EntityType;
import cn.qingdao.peipao.core.related.RelationModel;
import cn.qingdao.peipao.core.scoring.Features;
import cn.qingdao.peipao.core.scoring.HardConstraints;
import cn.qingdao.peipao.index.store.RelationStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The relation models of a service, read from its store: each counterpart type's model is built on
 * first use, then rebuilt in the background once it is older than {@code maxAge}, while requests
 * keep the previous one; a model older than {@link #STALE} times {@code maxAge} (after an idle
 * spell) is rebuilt before answering. So a new assignment, accepted recommendation or sign-up — on
 * this node or another — counts within about {@code maxAge} plus one rebuild. Only counterparts in
 * the index (and events not over) get values. Every request takes one model (the fast path and the
 * reference agree).
 */
public final class StoreRelations implements Function<EntityType, RelationModel>, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(StoreRelations.class);

  private record Built(RelationModel model, long atNanos) {}

  /** A model this many times its age limit is too old to answer with while a rebuild runs. */
  static final int STALE = 3;

  private final RelationStore store;
  private final Ranking ranking;
  private final long maxAgeNanos;
  private final LongSupplier nanos;
  private final RelationModel.Params params;
  private final Map<EntityType, Built> models = new ConcurrentHashMap<>();
  private final Map<EntityType, AtomicBoolean> rebuilding = new ConcurrentHashMap<>();
  private final Map<EntityType, Object> firstBuild = new ConcurrentHashMap<>();
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().name("relations").daemon().factory());

  public StoreRelations(RelationStore store, Ranking ranking, Duration maxAge) {
    this(store, ranking, maxAge, System::nanoTime);
  }

  StoreRelations(RelationStore store, Ranking ranking, Duration maxAge, LongSupplier nanos) {
    this(store, ranking, maxAge, nanos, RelationModel.Params.DEFAULTS);
  }

  /** With the model's {@code params} (tests turn the privacy thresholds down). */
  StoreRelations(
      RelationStore store,
      Ranking ranking,
      Duration maxAge,
      LongSupplier nanos,
      RelationModel.Params params) {
    if (maxAge.isNegative()) throw new IllegalArgumentException("maxAge must be ≥ 0: " + maxAge);
    this.store = store;
    this.ranking = ranking;
    this.maxAgeNanos = maxAge.toNanos();
    this.nanos = nanos;
    this.params = params;
  }

  /**
   * The current model of {@code type}; builds it on the calling thread the first time and when it
   * is older than {@link #STALE} times the age limit.
   */
  @Override
  public RelationModel apply(EntityType type) {
    Built b = models.get(type);
    long age = b == null ? Long.MAX_VALUE : nanos.getAsLong() - b.atNanos();
    if (b == null || age / STALE > maxAgeNanos) {
      synchronized (firstBuild.computeIfAbsent(type, t -> new Object())) {
        Built now = models.get(type);
        // another thread may have rebuilt it meanwhile
        if (now == null || (nanos.getAsLong() - now.atNanos()) / STALE > maxAgeNanos)
          now = build(type);
        return now.model();
      }
    }
    if (age > maxAgeNanos) {
      AtomicBoolean flag = rebuilding.computeIfAbsent(type, t -> new AtomicBoolean());
      if (flag.compareAndSet(false, true)) {
        try {
          background.execute(
              () -> {
                try {
                  build(type);
                } catch (RuntimeException e) { // the previous model stays; the next request retries
                  LOG.warn(
                      "could not rebuild the {} relation model: {}", type.path(), e.toString());
                } finally {
                  flag.set(false);
                }
              });
        } catch (java.util.concurrent.RejectedExecutionException closed) {
          flag.set(false);
        }
      }
    }
    return b.model();
  }

  /** Reads the relations of {@code type} and builds its model now. O(relations + projects). */
  public RelationModel refresh(EntityType type) {
    return build(type).model();
  }

  private Built build(EntityType type) {
    long at = nanos.getAsLong();
    List<RelationStore.Pair> pairs = store.pairs(type);
    Map<String, Features> features = pairs.isEmpty() ? Map.of() : projectFeatures(pairs);
    Set<String> candidates = pairs.isEmpty() ? Set.of() : candidates(type);
    List<RelationModel.Edge> edges = new ArrayList<>(pairs.size());
    java.time.Instant today = ranking.clock.instant();
    for (RelationStore.Pair p : pairs) {
      double ageDays = Duration.between(p.at(), today).toMillis() / 86_400_000.0;
      edges.add(
          new RelationModel.Edge(
              p.projectId(),
              features.get(p.projectId()),
              p.counterpartId(),
              params.weight(ageDays)));
    }
    Built b = new Built(RelationModel.build(edges, params, candidates::contains), at);
    // a slower build that started earlier must not replace a newer one
    return models.merge(type, b, (old, now) -> now.atNanos() >= old.atNanos() ? now : old);
  }

  /** The indexed counterparts of {@code type} that can still be recommended (events not over). */
  private Set<String> candidates(EntityType type) {
    long today = ranking.today().toEpochDay();
    Set<String> out = new HashSet<>();
    ranking.forEachIndexed(
        type,
        (e, f) -> {
          if (type != EntityType.EVENTS || HardConstraints.eventOpen(f, today)) out.add(e.id());
        });
    return out;
  }

  /** The indexed features of the projects of {@code pairs} (deleted ones have none). */
  private Map<String, Features> projectFeatures(List<RelationStore.Pair> pairs) {
    Set<String> ids = new HashSet<>();
    for (RelationStore.Pair p : pairs) ids.add(p.projectId());
    Map<String, Features> out = new HashMap<>();
    ranking.forEachIndexed(
        EntityType.PROJECTS,
        (e, f) -> {
          if (ids.contains(e.id())) out.put(e.id(), f);
        });
    return out;
  }

  @Override
  public void close() {
    background.shutdownNow();
  }
}
