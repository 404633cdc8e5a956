package org.fieldledger.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Paths;
import java.util.List;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.Template;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.VisitId;

/**
 * Asks each question of a draft in turn, as a form on a phone would: label, hint, unit and allowed values, the answer
 * so far. An answer the checklist does not take is refused on the spot, saying why, and the question asked again.
 * Each accepted answer is saved at once, so stopping half way (end of input) loses nothing.
 */
final class Prompter {
    private final Field field;
    private final FieldDevice device;
    private final VisitId draft;
    private final Template template;

    Prompter(Field field, FieldDevice device, VisitId draft, Template template) {
        this.field = field;
        this.device = device;
        this.draft = draft;
        this.template = template;
    }

    void run() {
        field.out.println(template.title() + ": Enter keeps the answer shown, '-' clears it.");
        List<Question> questions = template.questions();
        for (int i = 0; i < questions.size(); i++) {
            field.out.println();
            field.out.println("[" + (i + 1) + "/" + questions.size() + "]");
            if (!ask(questions.get(i))) {
                field.out.println();
                field.out.println("Stopped; the answers given so far are saved.");
                return;
            }
        }
        List<Problem> left = device.problems(draft);
        field.out.println();
        if (left.isEmpty()) {
            field.out.println("All answered: `field visit submit " + draft.value() + "` queues it for the server.");
        } else {
            field.out.println("Still to fix before submitting:");
            Text.problems(left).forEach(field.out::println);
        }
    }

    /** Asks one question until it is answered acceptably or skipped; false at the end of input. */
    private boolean ask(Question question) {
        Text.question(question).forEach(field.out::println);
        while (true) {
            AnswerValue current = device.visit(draft).visit().answers().get(question.id());
            field.out.print((current == null ? "" : "[" + Text.value(question, current) + "] ") + "> ");
            field.out.flush();
            String line = readLine();
            if (line == null) {
                return false;
            }
            if (line.isBlank()) {
                return true;
            }
            if (line.trim().equals("-")) {
                device.answer(draft, question.id(), null);
                return true;
            }
            String problem = offer(question, line);
            if (problem == null) {
                return true;
            }
            field.out.println("  not accepted for " + question.id() + " (" + question.label() + "): " + problem);
            field.out.println("  try again, Enter to skip");
        }
    }

    /** Saves the answer; returns why it was refused, or null. */
    private String offer(Question question, String line) {
        try {
            List<Problem> problems = VisitCommand.save(device, draft, question, line, Paths.get(""));
            return problems.isEmpty() ? null : problems.get(0).message();
        } catch (Answers.Unreadable e) {
            return e.getMessage();
        }
    }

    private String readLine() {
        try {
            return field.in.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
