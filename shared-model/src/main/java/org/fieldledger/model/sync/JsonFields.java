package org.fieldledger.model.sync;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A JSON object's fields in their order: names and values side by side, found by comparing names. The protocol's
 * objects have from two fields (every answer) to a score, and a push reads and writes thousands of them: a hash map per
 * object allocated a table and hashed every name, which was a fifth of reading and writing a visit; a scan of a few
 * names is cheaper. Fields are only added or replaced, never removed.
 */
final class JsonFields extends AbstractMap<String, Object> {
    private String[] names;
    private Object[] values;
    private int size;

    JsonFields() {
        this(4);
    }

    JsonFields(int capacity) {
        names = new String[capacity];
        values = new Object[capacity];
    }

    @Override
    public int size() {
        return size;
    }

    private int indexOf(Object name) {
        for (int i = 0; i < size; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public boolean containsKey(Object name) {
        return indexOf(name) >= 0;
    }

    @Override
    public Object get(Object name) {
        int index = indexOf(name);
        return index < 0 ? null : values[index];
    }

    /** Replaces the value of a field already there, in its place; otherwise adds the field last. */
    @Override
    public Object put(String name, Object value) {
        int index = indexOf(name);
        if (index >= 0) {
            Object previous = values[index];
            values[index] = value;
            return previous;
        }
        append(name, value);
        return null;
    }

    /** Adds a field last, without looking for one of the same name: for names that are already distinct. */
    void append(String name, Object value) {
        if (size == names.length) {
            int capacity = Math.max(4, size * 2);
            names = Arrays.copyOf(names, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        names[size] = name;
        values[size] = value;
        size++;
    }

    @Override
    public void forEach(BiConsumer<? super String, ? super Object> action) {
        for (int i = 0; i < size; i++) {
            action.accept(names[i], values[i]);
        }
    }

    @Override
    public Set<Map.Entry<String, Object>> entrySet() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return size;
            }

            @Override
            public Iterator<Map.Entry<String, Object>> iterator() {
                return new Iterator<>() {
                    private int next;

                    @Override
                    public boolean hasNext() {
                        return next < size;
                    }

                    @Override
                    public Map.Entry<String, Object> next() {
                        if (next >= size) {
                            throw new NoSuchElementException();
                        }
                        int index = next++;
                        return new SimpleImmutableEntry<>(names[index], values[index]);
                    }
                };
            }
        };
    }
}
