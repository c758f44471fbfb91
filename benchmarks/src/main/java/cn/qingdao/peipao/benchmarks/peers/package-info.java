/**
 * The peer benchmark of issue 7: one cached synthetic corpus per size, seeded query sets, and each
 * engine (ours in-process and over HTTP, the columnar floor, SQLite FTS5, OpenSearch) answering the
 * same project → mentors queries with the same formula, timed one engine at a time.
 */
package cn.qingdao.peipao.benchmarks.peers;
