/**
 * Offline learning of scoring profiles from the recorded feedback: the shown lists of one direction
 * and profile are rebuilt with the recommender's own components, and {@link
 * cn.qingdao.peipao.core.learning.WeightLearner} fits the weights.
 */
package cn.qingdao.peipao.index.learn;
