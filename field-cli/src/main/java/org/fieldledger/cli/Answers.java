package org.fieldledger.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.template.ChoiceOption;
import org.fieldledger.model.template.Question;
import org.fieldledger.model.template.QuestionType;
import org.fieldledger.model.visit.AnswerValue;

/**
 * Turns what a person types (or writes in an answers file) into the answer a question takes. It only reads the form;
 * whether the value is acceptable (range, pattern, photo count) is client-core's validator's call, as on the server.
 */
final class Answers {
    /** A value that cannot be read as an answer to its question; the message says what is expected. */
    static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        Unreadable(String message) {
            super(message);
        }
    }

    private Answers() {
    }

    /**
     * Reads a typed answer to a question that takes no photos. Lists (choices) are separated by commas.
     */
    static AnswerValue fromText(Question question, String typed) throws Unreadable {
        String text = typed.trim();
        if (text.isEmpty() && question.type() != QuestionType.TEXT) {
            throw new Unreadable("expected " + Text.expected(question));
        }
        switch (question.type()) {
            case YES_NO:
                return new AnswerValue.YesNo(yesNo(question, text));
            case NUMBER:
                return new AnswerValue.Numeric(number(question, text));
            case SINGLE_CHOICE:
                return new AnswerValue.SingleChoice(option(question, text));
            case MULTI_CHOICE: {
                List<String> codes = new ArrayList<>();
                for (String part : split(text)) {
                    codes.add(option(question, part));
                }
                return new AnswerValue.MultiChoice(codes);
            }
            case TEXT:
                return new AnswerValue.Text(typed);
            case PHOTO:
            case SIGNATURE:
                // client-core copies, hashes and attaches photo files itself: PhotoAnswers, not a value built here
                throw new IllegalArgumentException(question.id() + " takes photos: see PhotoAnswers");
            case GPS:
                return new AnswerValue.Location(location(split(text)));
            default:
                throw new Unreadable("questions of type " + question.type() + " cannot be answered here");
        }
    }

    /**
     * Reads an answer from an answers file: JSON true/false, numbers, strings, arrays for choices and photos, and
     * {"latitude":…, "longitude":…, "accuracyMeters":…} (or an array) for a location.
     */
    static AnswerValue fromJson(Question question, JsonElement json) throws Unreadable {
        if (json.isJsonArray()) {
            List<String> parts = new ArrayList<>();
            for (JsonElement element : (JsonArray) json) {
                parts.add(scalar(question, element));
            }
            return fromText(question, String.join(",", parts));
        }
        if (json.isJsonObject() && question.type() == QuestionType.GPS) {
            JsonObject point = json.getAsJsonObject();
            List<String> parts = new ArrayList<>();
            for (String name : new String[] {"latitude", "longitude", "accuracyMeters"}) {
                if (point.has(name)) {
                    parts.add(scalar(question, point.get(name)));
                }
            }
            return new AnswerValue.Location(location(parts));
        }
        String text = scalar(question, json);
        if (json.isJsonPrimitive() && ((JsonPrimitive) json).isBoolean()) {
            text = Boolean.parseBoolean(text) ? "yes" : "no";
        }
        return fromText(question, text);
    }

    /** The text form of a JSON answer to a photo question: file names (or SHA-256s) separated by commas. */
    static String photoText(Question question, JsonElement json) throws Unreadable {
        if (!json.isJsonArray()) {
            return scalar(question, json);
        }
        List<String> parts = new ArrayList<>();
        for (JsonElement element : (JsonArray) json) {
            parts.add(scalar(question, element));
        }
        return String.join(",", parts);
    }

    private static String scalar(Question question, JsonElement element) throws Unreadable {
        if (!element.isJsonPrimitive()) {
            throw new Unreadable("expected " + Text.expected(question) + ", not " + element);
        }
        return element.getAsString();
    }

    private static boolean yesNo(Question question, String text) throws Unreadable {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "yes": case "y": case "true": case "是":
                return true;
            case "no": case "n": case "false": case "否":
                return false;
            default:
                throw new Unreadable("answer yes or no, not '" + text + "'");
        }
    }

    private static BigDecimal number(Question question, String text) throws Unreadable {
        String digits = text;
        // "0.8 m" and "0.8m" are what a person writes when the unit is on the form
        if (question.unit() != null && digits.endsWith(question.unit())) {
            digits = digits.substring(0, digits.length() - question.unit().length()).trim();
        }
        try {
            return new BigDecimal(digits);
        } catch (NumberFormatException e) {
            throw new Unreadable("expected " + Text.expected(question) + ", not '" + text + "'");
        }
    }

    private static String option(Question question, String text) throws Unreadable {
        List<ChoiceOption> options = question.options();
        for (ChoiceOption option : options) {
            if (option.code().equals(text) || option.label().equals(text)) {
                return option.code();
            }
        }
        try {
            int number = Integer.parseInt(text);
            if (number >= 1 && number <= options.size()) {
                return options.get(number - 1).code();
            }
        } catch (NumberFormatException ignored) {
            // not an option number either
        }
        List<String> codes = new ArrayList<>();
        options.forEach(option -> codes.add(option.code()));
        throw new Unreadable("'" + text + "' is not one of its options: " + String.join(", ", codes));
    }

    private static GeoPoint location(List<String> parts) throws Unreadable {
        if (parts.size() < 2 || parts.size() > 3) {
            throw new Unreadable("expected latitude,longitude[,accuracy in m]");
        }
        try {
            return new GeoPoint(Double.parseDouble(parts.get(0)), Double.parseDouble(parts.get(1)),
                    parts.size() == 3 ? Double.valueOf(parts.get(2)) : null);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("not a location: " + e.getMessage());
        }
    }

    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        for (String part : text.split(",")) {
            if (!part.isBlank()) {
                parts.add(part.trim());
            }
        }
        return parts;
    }
}
