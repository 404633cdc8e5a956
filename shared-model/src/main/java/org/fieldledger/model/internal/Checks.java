package org.fieldledger.model.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Argument checks shared by the domain records. Not part of the public API.
 *
 * <p>List.copyOf and friends are avoided on purpose: they arrived in Android API 30, and this module runs on 26.
 */
public final class Checks {
    private Checks() {
    }

    public static String nonBlank(String value, String name) {
        if (value == null || value.trim().isEmpty()) {
            throw new IllegalArgumentException(name + " must not be blank");
        }
        return value;
    }

    /** Returns null for null or blank text, so optional text has one "absent" value. */
    public static String optionalText(String value) {
        return value == null || value.trim().isEmpty() ? null : value;
    }

    public static String matches(String value, Pattern pattern, String name) {
        nonBlank(value, name);
        if (!pattern.matcher(value).matches()) {
            throw new IllegalArgumentException(name + " '" + value + "' must match " + pattern.pattern());
        }
        return value;
    }

    public static <T> List<T> immutableList(Collection<? extends T> values, String name) {
        if (values == null) {
            return Collections.emptyList();
        }
        List<T> copy = new ArrayList<>(values.size());
        for (T value : values) {
            copy.add(Objects.requireNonNull(value, () -> name + " must not contain null"));
        }
        return Collections.unmodifiableList(copy);
    }

    public static <K, V> Map<K, V> immutableMap(Map<? extends K, ? extends V> values, String name) {
        if (values == null) {
            return Collections.emptyMap();
        }
        Map<K, V> copy = new LinkedHashMap<>();
        for (Map.Entry<? extends K, ? extends V> entry : values.entrySet()) {
            copy.put(Objects.requireNonNull(entry.getKey(), () -> name + " must not contain a null key"),
                    Objects.requireNonNull(entry.getValue(), () -> name + " must not contain a null value"));
        }
        return Collections.unmodifiableMap(copy);
    }
}
