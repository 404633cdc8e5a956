package org.fieldledger.client.internal.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collections;
import org.fieldledger.client.store.JdbcSqlDatabase;
import org.fieldledger.client.support.Notices;
import org.fieldledger.model.review.Completion;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CompletionStatus;
import org.fieldledger.model.site.Site;
import org.fieldledger.model.sync.Change;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.CompletionState;
import org.fieldledger.model.sync.SiteState;
import org.fieldledger.model.sync.TemplateState;
import org.fieldledger.model.visit.VisitId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each store keeps a record's state at its highest ledger position, whatever order changes arrive in. */
class HighestPositionWinsTest {
    @TempDir
    File directory;

    private JdbcSqlDatabase db;

    @BeforeEach
    void open() {
        db = JdbcSqlDatabase.openSqlite(new File(directory, "device.db"));
        LocalSchema.migrate(db);
    }

    @AfterEach
    void close() {
        db.close();
    }

    @Test
    void olderSiteStateAfterANewerOneChangesNothing() {
        SiteStore sites = new SiteStore(db);
        Site before = Notices.household(37);
        Site after = new Site(before.id(), "王因街道前村37号 张桂兰户", before.kind(), before.area(), "王因街道前村37号（东院）",
                before.location(), before.projects());

        sites.apply(Change.of(20, ChangeKind.SITE, new SiteState(after, null)));
        sites.apply(Change.of(10, ChangeKind.SITE, new SiteState(before, null)));
        sites.apply(Change.of(20, ChangeKind.SITE, new SiteState(before, null)));

        assertThat(sites.find(before.id())).isEqualTo(after);
    }

    @Test
    void olderTemplateStateDoesNotUnretireAVersion() {
        TemplateStore templates = new TemplateStore(db);

        templates.apply(Change.of(30, ChangeKind.TEMPLATE, new TemplateState(Notices.canteenTemplate(), true)));
        templates.apply(Change.of(4, ChangeKind.TEMPLATE, new TemplateState(Notices.canteenTemplate(), false)));

        assertThat(templates.isRetired(Notices.CANTEEN_CHECK)).isTrue();
        assertThat(templates.usable()).isEmpty();
        assertThat(templates.find(Notices.CANTEEN_CHECK)).isEqualTo(Notices.canteenTemplate());
    }

    @Test
    void olderCompletionStateDoesNotUndoADecision() {
        ReviewStore reviews = new ReviewStore(db);
        CompletionId id = new CompletionId("b1f0c2d4-77aa-4e1b-8d0f-6a5c3e2b1f90");
        VisitId evidence = new VisitId("c3e1a7d0-9a43-4c61-a0e5-4b2f5fd1d9aa");
        Completion submitted = new Completion(id, Notices.SMOKE_ALARMS, "为独居、行动不便的老年人安装火灾探测报警器",
                Notices.household(37).id(), BigDecimal.ONE, Collections.singletonList(evidence), "wangyin-office",
                Instant.parse("2026-11-24T01:00:00Z"), CompletionStatus.SUBMITTED, null, null, null);
        Completion verified = new Completion(id, submitted.project(), submitted.metric(), submitted.site(),
                submitted.quantity(), submitted.evidence(), submitted.submittedBy(), submitted.submittedAt(),
                CompletionStatus.VERIFIED, "duchashi-li", Instant.parse("2026-11-26T07:30:00Z"), null);

        reviews.applyCompletion(Change.of(51, ChangeKind.COMPLETION, new CompletionState(verified, null)));
        reviews.applyCompletion(Change.of(50, ChangeKind.COMPLETION, new CompletionState(submitted, null)));

        assertThat(reviews.completions()).extracting(state -> state.completion().status())
                .containsExactly(CompletionStatus.VERIFIED);
    }
}
