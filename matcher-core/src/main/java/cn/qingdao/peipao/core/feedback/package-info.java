/**
 * What users did with recommendations: {@link cn.qingdao.peipao.core.feedback.FeedbackEvent}s
 * (impression, click, contact, accept, reject and outcomes), validated with field paths, each under
 * the scoring profile and rank it was shown with.
 */
package cn.qingdao.peipao.core.feedback;
