package org.fieldledger.server.sync;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import org.fieldledger.model.sync.Mutation;
import org.fieldledger.server.review.CompletionService;
import org.fieldledger.server.site.SiteMutations;
import org.fieldledger.server.visit.VisitRecorder;

/**
 * A server that dies while applying the mutation with seq {@code test.crash-at-seq} (of device
 * {@code test.crash-device} only, when set): what came before it in the batch is committed, it and what follows are
 * not, and the device gets no answer. Only in tests that set the property.
 */
@Singleton
@Replaces(MutationAppliers.class)
@Requires(property = "test.crash-at-seq")
class CrashingAppliers extends MutationAppliers {
    private final long crashAt;
    private final String device;

    CrashingAppliers(VisitRecorder visits, SiteMutations sites, CompletionService completions,
                     @Value("${test.crash-at-seq}") long crashAt, @Value("${test.crash-device:}") String device) {
        super(visits, sites, completions);
        this.crashAt = crashAt;
        this.device = device;
    }

    @Override
    long apply(Connection connection, MutationContext context, Mutation mutation, String payloadSha256,
               VisitRecorder.Checked checkedVisit) throws SQLException {
        if (mutation.seq() == crashAt && (device.isEmpty() || device.equals(context.deviceId()))) {
            throw new IllegalStateException("simulated power cut while applying seq " + crashAt);
        }
        return super.apply(connection, context, mutation, payloadSha256, checkedVisit);
    }
}
