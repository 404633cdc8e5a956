package org.fieldledger.cli;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import org.fieldledger.client.Rejection;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.template.ChoiceOption;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.visit.AnswerValue;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.Problem;

/** How records read on a terminal: one place, so every command shows a question or an answer alike. */
final class Text {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private Text() {
    }

    static String areas(List<Area> areas) {
        List<String> names = new ArrayList<>();
        areas.forEach(area -> names.add(area.name()));
        return String.join(", ", names);
    }

    /** A device-clock time in this computer's zone, or "never". */
    static String time(Instant instant) {
        return instant == null ? "never" : TIME.format(instant.atZone(ZoneId.systemDefault()));
    }

    /** A file size as a person reads it. */
    static String bytes(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }

    /** A question with everything that tells how to answer it: hint, unit and range, allowed values, format. */
    static List<String> question(Question question) {
        List<String> lines = new ArrayList<>();
        lines.add(question.id() + "  " + question.label() + "  [" + question.type()
                + (question.required() ? ", required" : ", optional") + "]");
        if (question.hint() != null) {
            lines.add("    hint: " + question.hint());
        }
        String expected = expected(question);
        if (!expected.isEmpty()) {
            lines.add("    answer: " + expected);
        }
        for (int i = 0; i < question.options().size(); i++) {
            ChoiceOption option = question.options().get(i);
            lines.add("      " + (i + 1) + ". " + option.code() + "  " + option.label()
                    + (question.failOptions().contains(option.code()) ? "  (fails the check)" : ""));
        }
        return lines;
    }

    /** What an answer to the question looks like when typed. */
    static String expected(Question question) {
        switch (question.type()) {
            case YES_NO:
                return "yes or no" + (question.failWhen() == null ? "" : " (" + (question.failWhen() ? "yes" : "no")
                        + " fails the check)");
            case NUMBER:
                return "a number in " + question.unit() + range(question) + ", up to " + question.decimalsOrZero()
                        + " decimals" + failRange(question);
            case SINGLE_CHOICE:
                return "one option: its code or number";
            case MULTI_CHOICE:
                return "options separated by commas: codes or numbers";
            case TEXT:
                return "text" + (question.maxLength() == null ? "" : ", at most " + question.maxLength() + " characters")
                        + (question.pattern() == null ? "" : ", matching " + question.pattern());
            case PHOTO:
                return "photo files separated by commas (or their SHA-256), " + question.minPhotos()
                        + (question.maxCount() == null ? " or more" : " to " + question.maxCount());
            case SIGNATURE:
                return "an image file of the signature (or its SHA-256)";
            case GPS:
                return "latitude,longitude[,accuracy in m]";
            default:
                return "";
        }
    }

    private static String range(Question question) {
        if (question.min() == null && question.max() == null) {
            return "";
        }
        return " from " + (question.min() == null ? "any" : question.min().toPlainString()) + " to "
                + (question.max() == null ? "any" : question.max().toPlainString());
    }

    private static String failRange(Question question) {
        List<String> fails = new ArrayList<>();
        if (question.failBelow() != null) {
            fails.add("below " + question.failBelow().toPlainString());
        }
        if (question.failAbove() != null) {
            fails.add("above " + question.failAbove().toPlainString());
        }
        return fails.isEmpty() ? "" : " (" + String.join(" or ", fails) + " fails the check)";
    }

    /** An answer as the inspector would say it. */
    static String value(Question question, AnswerValue value) {
        if (value instanceof AnswerValue.YesNo yesNo) {
            return yesNo.value() ? "yes" : "no";
        }
        if (value instanceof AnswerValue.Numeric number) {
            return number.value().toPlainString() + (question == null ? "" : " " + question.unit());
        }
        if (value instanceof AnswerValue.SingleChoice choice) {
            return option(question, choice.code());
        }
        if (value instanceof AnswerValue.MultiChoice choices) {
            List<String> chosen = new ArrayList<>();
            choices.codes().forEach(code -> chosen.add(option(question, code)));
            return String.join("; ", chosen);
        }
        if (value instanceof AnswerValue.Text text) {
            return text.text();
        }
        if (value instanceof AnswerValue.Photos photos) {
            List<String> hashes = new ArrayList<>();
            photos.photos().forEach(photo -> hashes.add(shortHash(photo)));
            return photos.photos().size() + " photo(s) " + String.join(" ", hashes);
        }
        if (value instanceof AnswerValue.Signature signature) {
            return "signature " + shortHash(signature.image());
        }
        if (value instanceof AnswerValue.Location location) {
            return location.point().latitude() + "," + location.point().longitude()
                    + (location.point().accuracyMeters() == null ? "" : " ±" + location.point().accuracyMeters() + " m");
        }
        return String.valueOf(value);
    }

    private static String option(Question question, String code) {
        if (question != null) {
            for (ChoiceOption option : question.options()) {
                if (option.code().equals(code)) {
                    return code + " (" + option.label() + ")";
                }
            }
        }
        return code;
    }

    private static String shortHash(PhotoRef photo) {
        return photo.sha256().substring(0, 12);
    }

    static List<String> problems(List<Problem> problems) {
        List<String> lines = new ArrayList<>();
        problems.forEach(problem -> lines.add("  " + problem.questionId() + ": " + problem.message()));
        return lines;
    }

    static List<String> rejection(Rejection rejection) {
        List<String> lines = new ArrayList<>();
        lines.add("  refused " + time(rejection.rejectedAt()) + ": " + rejection.code()
                + (rejection.reason() == null ? "" : ": " + rejection.reason()));
        lines.addAll(problems(rejection.problems()));
        return lines;
    }
}
