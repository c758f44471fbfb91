/**
 * The taxonomy is data, not code: sectors of the "10+1" system with sub-tracks, keywords and
 * affinities, life-cycle stages, Qingdao's districts, the accompaniment services and founder
 * groups, loaded from a file and validated at load.
 */
package cn.qingdao.peipao.core.taxonomy;
