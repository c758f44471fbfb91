/**
 * The Lucene index derived from the store: Chinese analysis with the taxonomy's synonyms, documents
 * with keyword, numeric, geo and facet fields, and full-text search with filters and facet counts.
 */
package cn.qingdao.peipao.index.search;
