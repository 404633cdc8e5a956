package org.fieldledger.server.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * Rows of one table by key, as the current write transaction knows them: a push looks up each visit it stores, and
 * the claims on each photo, one at a time, which is a round trip to PostgreSQL apiece; read ahead for the whole
 * transaction in one query ({@link #get(Connection, Collection)}), they are answered from memory.
 *
 * <p>What a transaction knows is true only because the table's one writer says what it wrote ({@link #put},
 * {@link #update}, {@link #forget}) right after writing it: a KnownRows belongs to the repository that alone writes its
 * table. A savepoint rolled back forgets everything, and outside a write transaction nothing is kept. A transaction
 * that read ahead before its turn among writers ({@link Database#write(Database.Reads, Database.Work)}) forgets, when
 * its turn comes, the keys that the transactions committed meanwhile wrote.
 *
 * @param <K> the key a row is found by
 * @param <V> what is known of it, immutable; {@code absent}, which may be null, for no row
 */
public final class KnownRows<K, V> {
    /** Reads the rows of {@code keys}, in as few queries as it can; a key without a row is left out. */
    @FunctionalInterface
    public interface Reader<K, V> {
        Map<K, V> read(Connection connection, Collection<K> keys) throws SQLException;
    }

    private final V absent;
    private final Reader<K, V> reader;

    public KnownRows(V absent, Reader<K, V> reader) {
        this.absent = absent;
        this.reader = reader;
    }

    /** What is known of each of {@code keys}, in their order; the ones not known yet are read in one go. */
    public Map<K, V> get(Connection connection, Collection<K> keys) throws SQLException {
        Map<K, V> known = WriteTransaction.local(connection, this);
        List<K> unknown = new ArrayList<>();
        for (K key : keys) {
            if (!known.containsKey(key)) {
                unknown.add(key);
            }
        }
        if (!unknown.isEmpty()) {
            Map<K, V> read = reader.read(connection, unknown);
            for (K key : unknown) {
                known.put(key, read.getOrDefault(key, absent));
            }
        }
        Map<K, V> values = new LinkedHashMap<>();
        for (K key : keys) {
            values.put(key, known.get(key));
        }
        return values;
    }

    public V get(Connection connection, K key) throws SQLException {
        // Asked once per visit and photo: the common answer, already known, without building lists and maps.
        Map<K, V> known = WriteTransaction.local(connection, this);
        return known.containsKey(key) ? known.get(key) : get(connection, List.of(key)).get(key);
    }

    /** After its writer stored {@code value} as the row of {@code key}. */
    public void put(Connection connection, K key, V value) {
        WriteTransaction.<K, V>localWritten(connection, this, key).put(key, value);
    }

    /** After its writer changed the row of {@code key}, if what was known of it is still known: its value now. */
    public void update(Connection connection, K key, UnaryOperator<V> change) {
        WriteTransaction.<K, V>localWritten(connection, this, key).computeIfPresent(key,
                (k, value) -> change.apply(value));
    }

    /** After its writer changed the row of {@code key} in a way best read again. */
    public void forget(Connection connection, K key) {
        WriteTransaction.localWritten(connection, this, key).remove(key);
    }
}
