/**
 * The framework-free core of the matchmaking service: domain model, taxonomy and validation. It
 * knows no Lucene, HTTP or JDBC and does no I/O; the {@code index} and {@code api} modules adapt
 * it.
 */
package cn.qingdao.peipao.core;
