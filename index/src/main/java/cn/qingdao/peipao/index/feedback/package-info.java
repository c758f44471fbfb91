/**
 * Feedback over the store: events are recorded (an accepted project–mentor or project–park pair
 * becomes an assignment in the same transaction), listed, summed per scoring profile, and the pairs
 * a subject rejected are kept out of its later recommendations.
 */
package cn.qingdao.peipao.index.feedback;
