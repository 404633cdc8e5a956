package org.fieldledger.model.sync;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One change a device made, as it travels in a push: a client-generated {@code id}, the device's next sequence
 * number, the kind of change, the HLC stamp of the edit and the payload that kind carries
 * ({@link MutationType#payloadType()}), checked here so a mismatched pair cannot be built.
 *
 * <p><b>Unreadable mutations.</b> {@link WireJson#readPushRequest} reads a push whose envelope is sound but one of whose
 * mutations has an unknown {@code type} or a payload it cannot read; the server must still answer that mutation (with
 * {@code REJECTED}/{@code UNSUPPORTED_MUTATION}) and go on with the rest. Such a mutation is represented with a null
 * {@code type}, the {@link WireFormatException} that says what was wrong as its {@code payload}, and its {@code hlc} if
 * it could be read (else null). Build one with {@link #unreadable}; test for it with {@link #isReadable()}.
 */
public record Mutation(String id, long seq, MutationType type, Hlc hlc, Object payload) {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    public Mutation {
        checkId(id);
        if (seq < 1) {
            throw new IllegalArgumentException("mutation " + id + " has seq " + seq + "; sequences start at 1");
        }
        Objects.requireNonNull(payload, "mutation payload");
        if (type == null) {
            if (!(payload instanceof WireFormatException)) {
                throw new IllegalArgumentException("mutation " + id + " has no type");
            }
        } else {
            Objects.requireNonNull(hlc, "mutation HLC");
            if (!type.payloadType().isInstance(payload)) {
                throw new IllegalArgumentException("a " + type + " mutation carries a "
                        + type.payloadType().getSimpleName() + ", not a " + payload.getClass().getSimpleName());
            }
        }
    }

    /** A mutation the server could identify (id and seq) but not read; see the class comment. */
    public static Mutation unreadable(String id, long seq, Hlc hlc, WireFormatException problem) {
        return new Mutation(id, seq, null, hlc, problem);
    }

    public boolean isReadable() {
        return type != null;
    }

    /** Why an unreadable mutation could not be read, or null for a readable one. */
    public WireFormatException problem() {
        return type == null ? (WireFormatException) payload : null;
    }

    /** The payload as the type its mutation type says it is. */
    public <T> T payload(Class<T> expected) {
        return expected.cast(payload);
    }

    /** Mutation and record ids are minted on the device: 1-64 characters of {@code [A-Za-z0-9._-]}, UUIDs in practice. */
    static void checkId(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("mutation id '" + id + "' must be 1-64 characters of [A-Za-z0-9._-]");
        }
    }
}
