/**
 * Cohort allocation over the stored data: scores a cohort against every mentor or park ({@link
 * cn.qingdao.peipao.index.allocate.CohortScorer}), runs the core allocator, explains every
 * assignment and every project left out, stores the draft, and publishes it as assignments in one
 * transaction that refuses a draft whose capacities changed meanwhile.
 */
package cn.qingdao.peipao.index.allocate;
