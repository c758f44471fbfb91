/**
 * Allocation of a cohort of projects to counterparts (mentors or parks) under capacities. An {@link
 * cn.qingdao.peipao.core.allocation.AllocationProblem} holds the acceptable pairs with both sides'
 * views and the reciprocal score; {@link cn.qingdao.peipao.core.allocation.StableAllocator} finds
 * the project-optimal stable allocation (deferred acceptance), {@link
 * cn.qingdao.peipao.core.allocation.CoverageAllocator} the largest allocation with the highest
 * total score (an auction; {@link cn.qingdao.peipao.core.allocation.ShortestPathAllocator}, a
 * min-cost max-flow, is its reference). Both are deterministic. Stable breaks every tie by id;
 * coverage settles ties among equally good allocations by id as far as {@code TieRules} states.
 */
package cn.qingdao.peipao.core.allocation;
