/** JMH benchmarks; each runs its baseline in the same run so results read as ratios. */
package cn.qingdao.peipao.benchmarks;
