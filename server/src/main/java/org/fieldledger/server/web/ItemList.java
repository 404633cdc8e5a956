package org.fieldledger.server.web;

import java.util.List;

/** Every list the API returns: the items, and how many there are. An object, so fields can be added later. */
public record ItemList<T>(List<T> items, int count) {
    public static <T> ItemList<T> of(List<T> items) {
        return new ItemList<>(List.copyOf(items), items.size());
    }
}
