/**
 * Reading JSON trees into validated domain values while collecting every problem with its field
 * path, so that a client learns all that is wrong with an input in one answer.
 */
package cn.qingdao.peipao.core.json;
