/**
 * The HTTP API (Javalin) and its wiring: {@link cn.qingdao.peipao.api.App} builds the server from
 * its configuration and services so that tests start it on port 0.
 */
package cn.qingdao.peipao.api;
