/**
 * Everything persistent: the SQLite store (system of record) and the Lucene index derived from it,
 * kept in step by {@link cn.qingdao.peipao.index.Catalog}.
 */
package cn.qingdao.peipao.index;
