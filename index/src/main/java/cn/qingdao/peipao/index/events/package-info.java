/** Events: sign-ups with seats and a waitlist, attendance, competition results (活动报名). */
package cn.qingdao.peipao.index.events;
