/**
 * Growth files and risk alerts over the store: records are written with the alert they lead to in
 * one transaction ({@link cn.qingdao.peipao.index.growth.GrowthFiles}), and alerts are listed with
 * the mentors of the teams they call for, found by the recommendation engine ({@link
 * cn.qingdao.peipao.index.growth.Alerts}).
 */
package cn.qingdao.peipao.index.growth;
