/** A park's spaces, room bookings and move-in applications (青创通 场地预约 and 入驻). */
package cn.qingdao.peipao.index.spaces;
