/**
 * Recommendations in two phases: a Lucene filter query applies the hard constraints, then the
 * core's exact scorer ranks the candidates, computing text relevance only where the bounds say it
 * can change the top k. An exhaustive reference scores every entity for tests and benchmarks.
 */
package cn.qingdao.peipao.index.recommend;
