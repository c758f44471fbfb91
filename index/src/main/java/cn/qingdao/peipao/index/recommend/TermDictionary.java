package cn.qingdao.peipao.index.recommend;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** Dense ids for the terms of cached documents, shared by all segments; grows, never shrinks. */
final class TermDictionary {
  private final ConcurrentHashMap<String, Integer> ids = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, String> terms = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();

  int idOf(String term) {
    return ids.computeIfAbsent(
        term,
        t -> {
          int id = next.getAndIncrement();
          terms.put(id, t);
          return id;
        });
  }

  /** The term of {@code id}. */
  String term(int id) {
    return terms.get(id);
  }

  /** The id of {@code term}, or -1 when no cached document has it. */
  int find(String term) {
    Integer id = ids.get(term);
    return id == null ? -1 : id;
  }
}
