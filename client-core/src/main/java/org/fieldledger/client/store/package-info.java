/**
 * The SQL port: implement {@link org.fieldledger.client.store.SqlDatabase} over the app's SQLite (Android), or use
 * {@link org.fieldledger.client.store.JdbcSqlDatabase} over JDBC (desktop, tests).
 */
package org.fieldledger.client.store;
