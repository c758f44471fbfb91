/**
 * A project's growth file and the risks read from it: dated measurements ({@link
 * cn.qingdao.peipao.core.growth.GrowthRecord}), and {@link
 * cn.qingdao.peipao.core.growth.RiskAnalyzer}, which finds declining trends (least-squares slope
 * with its significance), sharp drops against the project's own history, a short cash runway and a
 * stage held too long — each signal with its evidence, a severity and the service teams it calls
 * for.
 */
package cn.qingdao.peipao.core.growth;
