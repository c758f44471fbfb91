/**
 * Exact pair scoring: compact per-entity {@link cn.qingdao.peipao.core.scoring.Features}, the
 * component functions (each in [0,1]), their weighting by a {@link
 * cn.qingdao.peipao.core.scoring.ScoringProfile}, the reciprocal combination of both sides' views,
 * bounds for pruning, and the Chinese reasons — all from the same code.
 */
package cn.qingdao.peipao.core.scoring;
