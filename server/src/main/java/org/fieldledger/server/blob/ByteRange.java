package org.fieldledger.server.blob;

/**
 * One byte range of a {@code Range: bytes=…} header (RFC 9110 §14.1.2), resolved against the file's size. Several
 * ranges in one header are answered with the whole file, which the RFC allows and no photo viewer needs otherwise.
 *
 * @param first,last inclusive
 */
record ByteRange(long first, long last) {
    long length() {
        return last - first + 1;
    }

    /** The range asked for, or null for the whole file (no header, several ranges, or a unit other than bytes). */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.contains(",")) {
            return null;
        }
        String spec = header.substring("bytes=".length()).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            throw new Unsatisfiable();
        }
        try {
            String from = spec.substring(0, dash).trim();
            String to = spec.substring(dash + 1).trim();
            if (from.isEmpty()) {
                long suffix = Long.parseLong(to);
                if (suffix <= 0 || size == 0) {
                    throw new Unsatisfiable();
                }
                return new ByteRange(Math.max(0, size - suffix), size - 1);
            }
            long first = Long.parseLong(from);
            long last = to.isEmpty() ? size - 1 : Math.min(Long.parseLong(to), size - 1);
            if (first >= size || last < first) {
                throw new Unsatisfiable();
            }
            return new ByteRange(first, last);
        } catch (NumberFormatException e) {
            throw new Unsatisfiable();
        }
    }

    /** 416: the range lies outside the file. */
    static final class Unsatisfiable extends RuntimeException {
        Unsatisfiable() {
            super(null, null, false, false);
        }
    }
}
