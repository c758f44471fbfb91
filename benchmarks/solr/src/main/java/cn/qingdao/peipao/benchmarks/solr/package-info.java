/**
 * Apache Solr 9 embedded as a benchmark peer: its own JVM (Solr is built on Lucene 9), driven over
 * stdin/stdout by the benchmarks module's PeerBench, scoring with the service's formula as a
 * function query.
 */
package cn.qingdao.peipao.benchmarks.solr;
