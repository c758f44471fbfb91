package cn.qingdao.peipao.core.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;

/** What every entity has: identity, display text, and the server-kept version and time. */
public sealed interface Entity permits Project, Mentor, Park, Investor, Policy, Event {
  String id();

  String name();

  String description();

  List<String> tags();

  /** Server-kept optimistic-concurrency version; 0 before the first write. */
  long version();

  /** Server-kept time of the last write; null before the first write. */
  Instant updatedAt();

  @JsonIgnore
  EntityType type();

  /** A copy carrying the server-kept fields (and the id, when it was generated). */
  Entity withServerFields(String id, long version, Instant updatedAt);
}
