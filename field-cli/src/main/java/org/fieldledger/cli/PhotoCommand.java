package org.fieldledger.cli;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.LocalVisit;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.Problem;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code field photo …}: attach photos to a draft, and see how their uploads stand. */
@Command(name = "photo", description = "Attach photos to a draft; list a visit's photos and their uploads.",
        subcommands = picocli.CommandLine.HelpCommand.class)
final class PhotoCommand {
    private final Field field;

    PhotoCommand(Field field) {
        this.field = field;
    }

    @Command(name = "attach", description = {"Add photos to a draft's photo question (after those it has), or set a",
            "signature question's image. They are copied into the device and uploaded after the visit syncs."})
    int attach(@Parameters(paramLabel = "DRAFT") String draftId,
               @Parameters(paramLabel = "QUESTION") String questionId,
               @Parameters(paramLabel = "FILE", arity = "1..*") List<String> files) {
        FieldDevice device = field.home().device();
        LocalVisit draft = VisitCommand.draft(device, draftId);
        Template template = device.template(draft.visit().template());
        Question question = VisitCommand.question(template, questionId);
        if (!PhotoAnswers.takesPhotos(question)) {
            throw new CliFailure(ExitCode.INVALID_ANSWER, questionId + " (" + question.label() + ") is a "
                    + question.type() + " question and takes no photos: answer it with `field visit answer`");
        }
        List<String> names = new ArrayList<>(files);
        List<Problem> problems;
        try {
            // Adding to what is there is a replacement by the old photos plus the new, so a refusal changes nothing.
            names.addAll(0, existing(device, draft, question));
            problems = PhotoAnswers.replace(device, draft.id(), question, names, Paths.get(""));
        } catch (Answers.Unreadable e) {
            throw VisitCommand.invalid(question, e.getMessage());
        }
        if (!problems.isEmpty()) {
            throw VisitCommand.invalid(question, problems.get(0).message());
        }
        field.out.println(question.id() + " = " + Text.value(question,
                device.visit(draft.id()).visit().answers().get(question.id())));
        return ExitCode.OK;
    }

    @Command(name = "list", description = "A visit's photos: question, size and upload state (works offline).")
    int list(@Parameters(paramLabel = "VISIT") String visitId) {
        FieldDevice device = field.home().device();
        LocalVisit visit = Lookup.visit(device, visitId);
        List<String> lines = PhotoAnswers.lines(device, visit.id());
        if (lines.isEmpty()) {
            field.out.println("No photos on this device for " + visit.id().value() + ".");
        }
        lines.forEach(field.out::println);
        return ExitCode.OK;
    }

    /** The SHA-256s the question's answer holds now; a signature's image is replaced, not kept. */
    private static List<String> existing(FieldDevice device, LocalVisit draft, Question question) {
        List<String> names = new ArrayList<>();
        AnswerValue current = device.visit(draft.id()).visit().answers().get(question.id());
        if (current instanceof AnswerValue.Photos photos) {
            photos.photos().forEach(photo -> names.add(photo.sha256()));
        }
        return names;
    }
}
