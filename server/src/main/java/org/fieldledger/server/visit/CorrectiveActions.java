package org.fieldledger.server.visit;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.review.CorrectiveActionId;
import org.fieldledger.model.sync.ChangeKind;
import org.fieldledger.model.sync.WireJson;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.server.ledger.Ledger;
import org.fieldledger.server.storage.Sql;
import org.fieldledger.server.sync.MutationContext;

/**
 * Failed checks that must be fixed by a deadline (限时销号). A failed question opens one; a later visit of the same
 * site and checklist in which that question passes closes it.
 */
@Singleton
public class CorrectiveActions {
    private static final String TYPE = "CORRECTIVE_ACTION";
    private static final OpenRecords<CorrectiveAction> OPEN = new OpenRecords<>("corrective_action",
            ChangeKind.CORRECTIVE_ACTION);

    private final Ledger ledger;
    private final int daysToFix;
    private final ZoneId zone;

    CorrectiveActions(Ledger ledger, @Value("${fieldledger.corrective-actions.days-to-fix:7}") int daysToFix,
                      @Value("${fieldledger.time-zone:Asia/Shanghai}") String zone) {
        this.ledger = ledger;
        this.daysToFix = daysToFix;
        this.zone = ZoneId.of(zone);
    }

    /** Reads ahead the open actions {@link #afterVisit} will look up for these visits (see {@link OpenRecords}). */
    void readAhead(Connection connection, java.util.Collection<Visit> visits) throws SQLException {
        OPEN.readAhead(connection, visits);
    }

    /** Opens an action for each failed question of a newly applied visit, and closes the ones it shows fixed. */
    void afterVisit(Connection connection, MutationContext context, Template template, Visit visit, String area,
                    List<String> failedQuestions) throws SQLException {
        closeFixed(connection, context, visit, area, failedQuestions);
        LocalDate due = context.receivedAt().atZone(zone).toLocalDate().plusDays(daysToFix);
        for (String questionId : failedQuestions) {
            Question question = template.question(questionId);
            CorrectiveAction action = new CorrectiveAction(new CorrectiveActionId(visit.id().value() + "." + questionId),
                    visit.id(), visit.site(), questionId, finding(question, visit.answers().get(questionId)), due,
                    CorrectiveAction.Status.OPEN, null);
            String json = WireJson.writeChangeData(action);
            Sql.insertLater(connection, "corrective_action", "(id, raised_by, site_id, area, template_id,"
                            + " question_id, due_on, status, closed_by, state)", action.id().value(),
                    visit.id().value(), visit.site().value(), area, visit.template().id().value(), questionId,
                    due.toString(), action.status().name(), null, json);
            OPEN.wrote(connection, visit.site().value(), visit.template().id().value());
            ledger.append(connection, context.record(TYPE, action.id().value(), "OPENED", area, json));
        }
    }

    private void closeFixed(Connection connection, MutationContext context, Visit visit, String area,
                            List<String> failedQuestions) throws SQLException {
        List<CorrectiveAction> open = OPEN.of(connection, visit);
        for (CorrectiveAction action : open) {
            boolean answered = visit.answers().containsKey(action.questionId());
            if (!answered || failedQuestions.contains(action.questionId())) {
                continue;
            }
            CorrectiveAction closed = new CorrectiveAction(action.id(), action.raisedBy(), action.site(),
                    action.questionId(), action.finding(), action.dueOn(), CorrectiveAction.Status.CLOSED, visit.id());
            String json = WireJson.writeChangeData(closed);
            Sql.update(connection, "UPDATE corrective_action SET status = ?, closed_by = ?, state = ? WHERE id = ?",
                    closed.status().name(), visit.id().value(), json, closed.id().value());
            OPEN.wrote(connection, visit.site().value(), visit.template().id().value());
            ledger.append(connection, context.record(TYPE, closed.id().value(), "CLOSED", area, json));
        }
    }

    /** What was found, in the inspector's words: the question and the answer that failed it. */
    static String finding(Question question, AnswerValue answer) {
        return question.label() + ": " + AnswerText.describe(question, answer);
    }
}
