/**
 * The five kinds of entity of the public contract (projects, mentors, parks, investors, policies)
 * as immutable records, and the readers that validate their JSON.
 */
package cn.qingdao.peipao.core.model;
