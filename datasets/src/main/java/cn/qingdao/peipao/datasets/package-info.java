/**
 * The shipped Qingdao data (taxonomy, districts, policies and organisations from the public
 * documents) and a seeded generator of synthetic mentors, projects, investors and parks.
 */
package cn.qingdao.peipao.datasets;
