/**
 * The collaborative signal: which counterparts projects like a subject went to (assignments,
 * accepted recommendations, sign-ups), as a model built from those relations and asked once per
 * request.
 */
package cn.qingdao.peipao.core.related;
