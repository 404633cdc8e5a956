package org.fieldledger.cli;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.LocalSite;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.client.SyncState;
import org.fieldledger.model.review.CorrectiveAction;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.Assignment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The read-only lists, as last synced: each works offline. */
final class Listings {
    private Listings() {
    }

    /** Every listing command, for the root command to add. */
    static Object[] commands(Field field) {
        return new Object[] {new Sites(field), new Templates(field), new TemplateQuestions(field),
                new Assignments(field), new Actions(field), new Visits(field)};
    }

    /** What the listing commands share. */
    private abstract static class Listing implements Callable<Integer> {
        final Field field;

        Listing(Field field) {
            this.field = field;
        }

        FieldDevice device() {
            return field.home().device();
        }

        void empty(List<?> list, String message) {
            if (list.isEmpty()) {
                field.out.println(message);
            }
        }
    }

    @Command(name = "sites", description = "Sites of your areas, with where each stands with the server.")
    static final class Sites extends Listing {
        Sites(Field field) {
            super(field);
        }

        @Override
        public Integer call() {
            List<LocalSite> sites = device().sites();
            for (LocalSite local : sites) {
                field.out.println(local.site().id().value() + "  " + local.site().name() + "  " + local.site().kind()
                        + "  " + local.site().area().name() + "  " + local.state());
            }
            empty(sites, "no sites on this device yet: `field sync` fetches them");
            return ExitCode.OK;
        }
    }

    @Command(name = "templates", description = "Checklists a new visit may use.")
    static final class Templates extends Listing {
        Templates(Field field) {
            super(field);
        }

        @Override
        public Integer call() {
            List<Template> templates = device().templates();
            for (Template template : templates) {
                field.out.println(template.ref() + "  " + template.title() + "  (" + template.siteKind() + ", "
                        + template.questions().size() + " questions)");
            }
            empty(templates, "no checklists on this device yet: `field sync` fetches them");
            return ExitCode.OK;
        }
    }

    @Command(name = "template", description = "A checklist's questions, with hints, units and allowed values.")
    static final class TemplateQuestions extends Listing {
        @Parameters(paramLabel = "TEMPLATE", description = "id, or id@version") String id;

        TemplateQuestions(Field field) {
            super(field);
        }

        @Override
        public Integer call() {
            Template template = Lookup.template(device(), id);
            field.out.println(template.ref() + "  " + template.title());
            if (template.description() != null) {
                field.out.println(template.description());
            }
            for (Question question : template.questions()) {
                field.out.println();
                Text.question(question).forEach(field.out::println);
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "assignments", description = "Visits the town office has asked you for, still open.")
    static final class Assignments extends Listing {
        Assignments(Field field) {
            super(field);
        }

        @Override
        public Integer call() {
            List<Assignment> assignments = device().assignments();
            for (Assignment assignment : assignments) {
                field.out.println(assignment.site().value() + "  " + assignment.template().value() + "  due "
                        + (assignment.dueOn() == null ? "any time" : assignment.dueOn())
                        + (assignment.note() == null ? "" : "  " + assignment.note()));
            }
            empty(assignments, "no open assignments (as of the last `field sync`)");
            return ExitCode.OK;
        }
    }

    @Command(name = "actions", description = "Open corrective actions (限时销号): failed checks to fix by a date.")
    static final class Actions extends Listing {
        Actions(Field field) {
            super(field);
        }

        @Override
        public Integer call() {
            List<CorrectiveAction> actions = device().openCorrectiveActions();
            LocalDate today = LocalDate.now();
            for (CorrectiveAction action : actions) {
                field.out.println(action.site().value() + "  " + action.questionId() + "  due " + action.dueOn()
                        + (action.isOverdue(today) ? " (OVERDUE)" : "") + "  " + action.finding()
                        + "  raised by visit " + action.raisedBy().value());
            }
            empty(actions, "no open corrective actions (as of the last `field sync`)");
            if (!actions.isEmpty()) {
                field.out.println("A follow-up visit of the site closes one: `field visit start SITE TEMPLATE`.");
            }
            return ExitCode.OK;
        }
    }

    @Command(name = "visits", description = "Visits on this device, newest first: drafts, pending, refused, synced.")
    static final class Visits extends Listing {
        @Option(names = "--state", paramLabel = "STATE",
                description = "only LOCAL_ONLY (drafts), PENDING, UPLOADING, REJECTED or SYNCED")
        SyncState state;

        Visits(Field field) {
            super(field);
        }

        @Override
        public Integer call() {
            int shown = 0;
            for (LocalVisit visit : device().visits()) {
                if (state != null && visit.state() != state) {
                    continue;
                }
                shown++;
                field.out.println(VisitCommand.summary(visit));
            }
            if (shown == 0) {
                field.out.println("no visits" + (state == null ? "" : " in state " + state));
            }
            return ExitCode.OK;
        }
    }
}
