package org.fieldledger.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.fieldledger.client.FieldDevice;
import org.fieldledger.client.LocalPhoto;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.Problem;
import org.fieldledger.model.visit.VisitId;

/**
 * Photo and signature answers. The files go through {@link FieldDevice#attachPhoto}, which copies them into the device,
 * checks they are images and queues them for upload, exactly as a phone's camera screen would; the CLI never hashes or
 * keeps photos itself. A SHA-256 instead of a file names a photo the server (or this device) already holds.
 */
final class PhotoAnswers {
    private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private PhotoAnswers() {
    }

    static boolean takesPhotos(Question question) {
        return question.type() == QuestionType.PHOTO || question.type() == QuestionType.SIGNATURE;
    }

    /**
     * Makes these photos the question's answer, in order. Returns the checklist's problems with the result (too many
     * photos, say); then, as for any refused answer, the previous answer is put back and nothing changes.
     *
     * @param base where relative file names are found (the answers file's folder, or the working directory)
     */
    static List<Problem> replace(FieldDevice device, VisitId draft, Question question, List<String> names, Path base)
            throws Answers.Unreadable {
        if (names.isEmpty()) {
            throw new Answers.Unreadable("expected " + Text.expected(question));
        }
        if (question.type() == QuestionType.SIGNATURE && names.size() > 1) {
            throw new Answers.Unreadable("a signature is one image, not " + names.size());
        }
        AnswerValue before = device.visit(draft).visit().answers().get(question.id());
        device.answer(draft, question.id(), null);
        try {
            add(device, draft, question, names, base);
        } catch (Answers.Unreadable | RuntimeException e) {
            device.answer(draft, question.id(), before);
            throw e;
        }
        List<Problem> problems = problemsOf(device, draft, question);
        if (!problems.isEmpty()) {
            device.answer(draft, question.id(), before);
        }
        return problems;
    }

    /**
     * Adds photos after those the question has (a signature's image is replaced). All files are checked to exist
     * before any is attached; a file client-core refuses (not an image) stops there, the ones before it staying.
     */
    static void add(FieldDevice device, VisitId draft, Question question, List<String> names, Path base)
            throws Answers.Unreadable {
        List<Path> files = new ArrayList<>();
        for (String name : names) {
            if (SHA256.matcher(name).matches()) {
                files.add(null);
                continue;
            }
            Path file = base.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new Answers.Unreadable("no photo file " + file);
            }
            files.add(file);
        }
        for (int i = 0; i < names.size(); i++) {
            Path file = files.get(i);
            try {
                if (file == null) {
                    addKnown(device, draft, question, new PhotoRef(names.get(i).toLowerCase(Locale.ROOT)));
                } else {
                    device.attachPhoto(draft, question.id(), file);
                }
            } catch (IllegalArgumentException e) {
                throw new Answers.Unreadable(names.get(i) + " was not attached: " + e.getMessage());
            } catch (IOException e) {
                throw new Answers.Unreadable("cannot read photo " + file + ": " + e.getMessage());
            }
        }
    }

    private static void addKnown(FieldDevice device, VisitId draft, Question question, PhotoRef photo) {
        if (question.type() == QuestionType.SIGNATURE) {
            device.answer(draft, question.id(), new AnswerValue.Signature(photo));
            return;
        }
        AnswerValue current = device.visit(draft).visit().answers().get(question.id());
        List<PhotoRef> photos = new ArrayList<>();
        if (current instanceof AnswerValue.Photos existing) {
            photos.addAll(existing.photos());
        }
        photos.add(photo);
        device.answer(draft, question.id(), new AnswerValue.Photos(photos));
    }

    static List<Problem> problemsOf(FieldDevice device, VisitId draft, Question question) {
        return device.problems(draft).stream().filter(problem -> problem.questionId().equals(question.id())).toList();
    }

    /** One line per photo of a visit: which question, size, and how its upload stands. */
    static List<String> lines(FieldDevice device, VisitId visit) {
        List<String> lines = new ArrayList<>();
        Map<String, AnswerValue> answers = device.visit(visit).visit().answers();
        for (LocalPhoto photo : device.photos(visit)) {
            if (!holds(answers.get(photo.questionId()), photo.ref())) {
                // replaced in a draft: client-core forgets it when the draft is submitted
                continue;
            }
            lines.add("  photo " + photo.ref().sha256().substring(0, 12) + "  " + photo.questionId() + "  "
                    + photo.contentType() + "  " + Text.bytes(photo.size()) + "  " + state(photo));
        }
        return lines;
    }

    private static boolean holds(AnswerValue answer, PhotoRef photo) {
        if (answer instanceof AnswerValue.Photos photos) {
            return photos.photos().contains(photo);
        }
        return answer instanceof AnswerValue.Signature signature && signature.image().equals(photo);
    }

    static String state(LocalPhoto photo) {
        switch (photo.state()) {
            case UPLOADED:
                return "uploaded";
            case FAILED:
                return "FAILED: " + photo.error();
            case UPLOADING:
            case PENDING:
            default:
                return "pending upload" + (photo.uploadedBytes() > 0 ? " (" + Text.bytes(photo.uploadedBytes())
                        + " sent)" : "") + (photo.error() == null ? "" : ", last attempt: " + photo.error());
        }
    }
}
