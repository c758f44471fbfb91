/**
 * The system of record: SQLite through HikariCP, versioned schema migrations, entities as JSON with
 * filter columns, and the audit log of every write.
 */
package cn.qingdao.peipao.index.store;
