package cn.qingdao.peipao.benchmarks.peers;

import java.util.List;

/** One engine answering project → mentors queries: the ids of the best k, best first. */
interface PeerEngine extends AutoCloseable {
  String name();

  List<String> top(PeerQuery q, int k) throws Exception;

  /** The engine's own time of the last query in ms (OpenSearch's {@code took}), else NaN. */
  default double lastTookMillis() {
    return Double.NaN;
  }

  @Override
  default void close() throws Exception {}
}
