/** The command line: {@code serve}, {@code import} and {@code reindex}. */
package cn.qingdao.peipao.api.cli;
