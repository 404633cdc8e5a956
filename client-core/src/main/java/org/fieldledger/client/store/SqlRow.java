package org.fieldledger.client.store;

/**
 * One row of a query result, read by column name (Android's {@code Cursor.getColumnIndexOrThrow} gives the index).
 * Each getter returns null for SQL NULL.
 */
public interface SqlRow {
    String getString(String column);

    Long getLong(String column);

    Double getDouble(String column);

    default long getRequiredLong(String column) {
        Long value = getLong(column);
        if (value == null) {
            throw new IllegalStateException("column " + column + " is NULL");
        }
        return value;
    }
}
