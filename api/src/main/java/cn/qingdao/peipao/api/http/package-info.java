/**
 * HTTP adapters: controllers parse and validate requests and delegate to the services; errors
 * become RFC 9457 problem documents; access control sits behind one interface.
 */
package cn.qingdao.peipao.api.http;
