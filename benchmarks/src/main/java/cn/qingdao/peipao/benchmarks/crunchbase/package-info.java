/**
 * An importer for the Crunchbase 2013 export (company → investor investments): it turns the
 * training edges into an ecosystem of its own — a taxonomy whose sectors are Crunchbase categories
 * and whose districts are US states, investors profiled from their earlier portfolio — and the
 * later investments into a held-out truth. Nothing here is used by the engine; it only feeds the
 * quality evaluation, which proves that the taxonomy is data.
 */
package cn.qingdao.peipao.benchmarks.crunchbase;
