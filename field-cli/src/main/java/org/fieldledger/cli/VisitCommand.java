package org.fieldledger.cli;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.InvalidVisitException;
import org.fieldledger.client.LocalSite;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.client.SyncState;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.Visit;
import org.fieldledger.model.visit.VisitId;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code field visit …}: record a visit offline, from start to submit. */
@Command(name = "visit", description = "Record a visit: start, answer, submit; show, discard, correct.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class VisitCommand {
    private final Field field;

    VisitCommand(Field field) {
        this.field = field;
    }

    @Command(name = "start", description = "Start a visit of a site with a checklist; prints the draft's id.")
    int start(@Parameters(paramLabel = "SITE") String siteId,
              @Parameters(paramLabel = "TEMPLATE", description = "id, or id@version") String templateId) {
        FieldDevice device = device();
        LocalSite site = Lookup.site(device, siteId);
        Template template = Lookup.template(device, templateId);
        VisitId draft = device.startVisit(site.site().id(), template.ref());
        field.out.println(draft.value());
        field.err.println("Started " + template.title() + " at " + site.site().name() + ". Answer with `field visit "
                + "answer " + draft.value() + "` (a prompt per question), then `field visit submit " + draft.value()
                + "`.");
        return ExitCode.OK;
    }

    @Command(name = "answer", description = {"Answer a draft's questions: one (QUESTION VALUE), from a file",
            "(--file answers.json), or each in turn at a prompt (neither)."})
    int answer(@Parameters(paramLabel = "DRAFT") String draftId,
               @Parameters(paramLabel = "QUESTION", arity = "0..1") String questionId,
               @Parameters(paramLabel = "VALUE", arity = "0..1") String value,
               @Option(names = "--file", paramLabel = "FILE",
                       description = "a JSON object of answers by question id") Path file,
               @Option(names = "--clear", description = "clear QUESTION's answer") boolean clear) {
        FieldDevice device = device();
        LocalVisit draft = draft(device, draftId);
        Template template = device.template(draft.visit().template());
        if (file != null) {
            return fromFile(device, draft, template, file);
        }
        if (questionId == null) {
            new Prompter(field, device, draft.id(), template).run();
            return ExitCode.OK;
        }
        Question question = question(template, questionId);
        if (clear) {
            device.answer(draft.id(), question.id(), null);
            return ExitCode.OK;
        }
        if (value == null) {
            throw new CliFailure(ExitCode.USAGE, "no answer given for " + questionId + " (" + question.label()
                    + "): expected " + Text.expected(question));
        }
        List<Problem> problems;
        try {
            problems = save(device, draft.id(), question, value, Paths.get(""));
        } catch (Answers.Unreadable e) {
            throw invalid(question, e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw invalid(question, problems.get(0).message());
        }
        field.out.println(question.id() + " = " + Text.value(question,
                device.visit(draft.id()).visit().answers().get(question.id())));
        return ExitCode.OK;
    }

    @Command(name = "submit", description = "Submit a draft: it is checked, frozen and queued for the next sync.")
    int submit(@Parameters(paramLabel = "DRAFT") String draftId) {
        FieldDevice device = device();
        LocalVisit draft = draft(device, draftId);
        LocalVisit submitted;
        try {
            submitted = device.submit(draft.id());
        } catch (InvalidVisitException e) {
            List<String> lines = new ArrayList<>();
            lines.add("the visit cannot be submitted yet; " + e.getMessage() + ":");
            lines.addAll(Text.problems(e.problems()));
            lines.add("Fix them with `field visit answer " + draftId + "`; nothing was submitted.");
            throw new CliFailure(ExitCode.INVALID_ANSWER, String.join(System.lineSeparator(), lines));
        }
        field.out.println("Submitted " + submitted.id().value() + ": " + outcome(submitted) + ". Queued ("
                + device.pendingCount() + " waiting): it goes with the next `field sync`.");
        return ExitCode.OK;
    }

    @Command(name = "show", description = "A visit with its answers, state and, if refused, the server's reasons.")
    int show(@Parameters(paramLabel = "VISIT") String visitId) {
        FieldDevice device = device();
        LocalVisit local = Lookup.visit(device, visitId);
        Visit visit = local.visit();
        Template template = device.template(visit.template());
        LocalSite site = device.site(visit.site());
        field.out.println("visit     " + visit.id().value() + (visit.revisionOf() == null ? ""
                : " (corrects " + visit.revisionOf().value() + ")"));
        field.out.println("state     " + local.state() + (local.outcome() == null ? "" : ", " + outcome(local)));
        field.out.println("site      " + visit.site().value() + (site == null ? "" : "  " + site.site().name()));
        field.out.println("checklist " + visit.template() + (template == null ? "" : "  " + template.title()));
        field.out.println("inspector " + (local.inspectorName() != null ? local.inspectorName() : visit.inspector()));
        field.out.println("started   " + Text.time(visit.startedAt()));
        field.out.println("submitted " + (visit.submittedAt() == null ? "not yet" : Text.time(visit.submittedAt())));
        if (local.rejection() != null) {
            Text.rejection(local.rejection()).forEach(field.out::println);
            field.out.println("  `field visit correct " + visit.id().value() + "` starts a corrected copy.");
        }
        for (Map.Entry<String, AnswerValue> answer : visit.answers().entrySet()) {
            Question question = template == null ? null : template.question(answer.getKey());
            field.out.println("  " + answer.getKey() + " = " + Text.value(question, answer.getValue()));
        }
        PhotoAnswers.lines(device, visit.id()).forEach(field.out::println);
        return ExitCode.OK;
    }

    @Command(name = "discard", description = "Delete a draft.")
    int discard(@Parameters(paramLabel = "DRAFT") String draftId) {
        FieldDevice device = device();
        device.discardDraft(draft(device, draftId).id());
        field.out.println("Discarded draft " + draftId + ".");
        return ExitCode.OK;
    }

    @Command(name = "correct", description = "Start a correction of a submitted or refused visit; prints the draft id.")
    int correct(@Parameters(paramLabel = "VISIT") String visitId) {
        FieldDevice device = device();
        VisitId draft = device.correct(Lookup.visit(device, visitId).id());
        field.out.println(draft.value());
        field.err.println("Started a correction with the same answers: change them with `field visit answer "
                + draft.value() + "`, then submit it.");
        return ExitCode.OK;
    }

    /** One line for a list of visits. */
    static String summary(LocalVisit local) {
        Visit visit = local.visit();
        return visit.id().value() + "  " + local.state() + "  " + visit.site().value() + "  " + visit.template()
                + "  " + (visit.submittedAt() == null ? "started " + Text.time(visit.startedAt())
                : "submitted " + Text.time(visit.submittedAt())) + (local.outcome() == null ? "" : "  " + outcome(local))
                + (local.rejection() == null ? "" : "  refused: " + local.rejection().code());
    }

    private static String outcome(LocalVisit visit) {
        if (visit.outcome() == null) {
            return "no outcome";
        }
        return visit.outcome().passed() ? "PASSED" : "FAILED " + visit.outcome().failedQuestions();
    }

    /**
     * Saves a typed answer: photo files are attached through client-core, other answers read by {@link Answers}.
     * Returns the checklist's problems with it, in which case nothing changed.
     *
     * @param base where photo file names are found
     */
    static List<Problem> save(FieldDevice device, VisitId draft, Question question, String typed, Path base)
            throws Answers.Unreadable {
        if (PhotoAnswers.takesPhotos(question)) {
            return PhotoAnswers.replace(device, draft, question, Answers.split(typed), base);
        }
        return save(device, draft, question, Answers.fromText(question, typed));
    }

    /**
     * Sets one answer; when the checklist does not accept it, puts the previous answer back and returns why, so an
     * invalid answer changes nothing.
     */
    static List<Problem> save(FieldDevice device, VisitId draft, Question question, AnswerValue answer) {
        AnswerValue before = device.visit(draft).visit().answers().get(question.id());
        List<Problem> problems = device.answer(draft, question.id(), answer);
        if (!problems.isEmpty()) {
            device.answer(draft, question.id(), before);
        }
        return problems;
    }

    private int fromFile(FieldDevice device, LocalVisit draft, Template template, Path file) {
        JsonObject answers;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            answers = JsonParser.parseReader(reader).getAsJsonObject();
        } catch (IOException e) {
            throw new CliFailure(ExitCode.USAGE, "cannot read " + file + ": " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw new CliFailure(ExitCode.USAGE, file + " is not a JSON object of answers by question id: "
                    + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        List<String> refused = new ArrayList<>();
        int saved = 0;
        for (Map.Entry<String, JsonElement> entry : answers.entrySet()) {
            Question question = template.question(entry.getKey());
            if (question == null) {
                refused.add("  " + entry.getKey() + ": " + template.ref() + " has no such question");
                continue;
            }
            try {
                List<Problem> problems = PhotoAnswers.takesPhotos(question)
                        ? save(device, draft.id(), question, Answers.photoText(question, entry.getValue()), base)
                        : save(device, draft.id(), question, Answers.fromJson(question, entry.getValue()));
                problems.forEach(problem -> refused.add("  " + question.id() + ": " + problem.message()));
                saved += problems.isEmpty() ? 1 : 0;
            } catch (Answers.Unreadable e) {
                refused.add("  " + question.id() + " (" + question.label() + "): " + e.getMessage());
            }
        }
        field.out.println("Saved " + saved + " answer(s) from " + file + ".");
        if (!refused.isEmpty()) {
            throw new CliFailure(ExitCode.INVALID_ANSWER, refused.size() + " answer(s) not accepted, not saved:"
                    + System.lineSeparator() + String.join(System.lineSeparator(), refused));
        }
        return ExitCode.OK;
    }

    static LocalVisit draft(FieldDevice device, String id) {
        LocalVisit visit = Lookup.visit(device, id);
        if (visit.state() != SyncState.LOCAL_ONLY) {
            throw new CliFailure(ExitCode.USAGE, "visit " + id + " is " + visit.state() + ", not a draft: a submitted "
                    + "visit never changes (`field visit correct " + id + "` starts a correction)");
        }
        return visit;
    }

    static Question question(Template template, String id) {
        Question question = template.question(id);
        if (question == null) {
            List<String> ids = new ArrayList<>();
            template.questions().forEach(q -> ids.add(q.id()));
            throw new CliFailure(ExitCode.INVALID_ANSWER, template.ref() + " has no question " + id + "; its questions: "
                    + String.join(", ", ids));
        }
        return question;
    }

    static CliFailure invalid(Question question, String why) {
        return new CliFailure(ExitCode.INVALID_ANSWER, "invalid answer to " + question.id() + " (" + question.label()
                + "): " + why + ". Nothing was saved.");
    }

    private FieldDevice device() {
        return field.home().device();
    }
}
