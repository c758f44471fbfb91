/** Small data structures the engine's packages share (no domain knowledge, no dependencies). */
package cn.qingdao.peipao.core.util;
