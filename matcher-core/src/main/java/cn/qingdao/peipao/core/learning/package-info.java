/**
 * Learning a scoring profile's weights from feedback: each shown list with the components of its
 * items and which of them users accepted ({@link cn.qingdao.peipao.core.learning.ShownList}),
 * NDCG@10 of a weight vector over such lists ({@link cn.qingdao.peipao.core.learning.Ndcg}), and a
 * derivative-free search for the weights that maximise it on a training split, judged on a held-out
 * split ({@link cn.qingdao.peipao.core.learning.WeightLearner}).
 */
package cn.qingdao.peipao.core.learning;
