package org.fieldledger.model.template;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.fieldledger.model.internal.Checks;

/**
 * One question of a checklist. The record mirrors the template file: the settings that belong to other types must be
 * absent, so a template cannot say something it does not mean (a unit on a yes/no question, a fail option that is
 * not an option). Build one with {@link #builder(String, QuestionType)}.
 *
 * @param min,max the allowed range of a NUMBER answer: outside it the answer is invalid input, not a failed check
 * @param failWhen the YES_NO answer that fails the check
 * @param failBelow,failAbove a valid NUMBER answer strictly beyond either fails the check
 * @param failOptions choosing any of these codes fails the check
 * @param minCount,maxCount how many photos a PHOTO question takes
 */
public record Question(String id, QuestionType type, String label, String hint, boolean required, String unit,
                       BigDecimal min, BigDecimal max, Integer decimals, List<ChoiceOption> options,
                       Integer maxLength, String pattern, Integer minCount, Integer maxCount, Boolean failWhen,
                       BigDecimal failBelow, BigDecimal failAbove, List<String> failOptions) {
    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9_]*");

    public Question {
        Checks.matches(id, ID, "question id");
        Objects.requireNonNull(type, () -> "question " + id + " has no type");
        Checks.nonBlank(label, "label of question " + id);
        hint = Checks.optionalText(hint);
        options = Checks.immutableList(options, "options");
        failOptions = Checks.immutableList(failOptions, "fail options");
        List<String> misplaced = new ArrayList<>();
        allowOnly(type == QuestionType.NUMBER, misplaced, "unit", unit, "min", min, "max", max, "decimals", decimals,
                "failBelow", failBelow, "failAbove", failAbove);
        boolean choice = type == QuestionType.SINGLE_CHOICE || type == QuestionType.MULTI_CHOICE;
        allowOnly(choice, misplaced, "options", options.isEmpty() ? null : options,
                "failOptions", failOptions.isEmpty() ? null : failOptions);
        allowOnly(type == QuestionType.TEXT, misplaced, "maxLength", maxLength, "pattern", pattern);
        allowOnly(type == QuestionType.PHOTO, misplaced, "minCount", minCount, "maxCount", maxCount);
        allowOnly(type == QuestionType.YES_NO, misplaced, "failWhen", failWhen);
        if (!misplaced.isEmpty()) {
            throw new IllegalArgumentException("question " + id + " of type " + type + " cannot have "
                    + String.join(", ", misplaced));
        }
        switch (type) {
            case NUMBER:
                checkNumber(id, unit, min, max, decimals);
                break;
            case SINGLE_CHOICE:
            case MULTI_CHOICE:
                checkChoices(id, options, failOptions);
                break;
            case TEXT:
                checkText(id, maxLength, pattern);
                break;
            case PHOTO:
                checkPhotos(id, required, minCount, maxCount);
                break;
            default:
                break;
        }
    }

    public static Builder builder(String id, QuestionType type) {
        return new Builder(id, type);
    }

    /** Digits allowed after the decimal point of a NUMBER answer. */
    public int decimalsOrZero() {
        return decimals == null ? 0 : decimals;
    }

    /** Photos required by a PHOTO question: its minCount, or one when it is required without a count. */
    public int minPhotos() {
        if (minCount != null) {
            return minCount;
        }
        return required ? 1 : 0;
    }

    public boolean hasOption(String code) {
        for (ChoiceOption option : options) {
            if (option.code().equals(code)) {
                return true;
            }
        }
        return false;
    }

    private static void allowOnly(boolean allowed, List<String> misplaced, Object... namesAndValues) {
        if (allowed) {
            return;
        }
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                misplaced.add((String) namesAndValues[i]);
            }
        }
    }

    private static void checkNumber(String id, String unit, BigDecimal min, BigDecimal max, Integer decimals) {
        Checks.nonBlank(unit, "unit of number question " + id);
        if (min != null && max != null && min.compareTo(max) >= 0) {
            throw new IllegalArgumentException("question " + id + " has min " + min + " not below max " + max);
        }
        if (decimals != null && (decimals < 0 || decimals > 6)) {
            throw new IllegalArgumentException("question " + id + " has decimals " + decimals + " outside 0..6");
        }
    }

    private static void checkChoices(String id, List<ChoiceOption> options, List<String> failOptions) {
        if (options.size() < 2) {
            throw new IllegalArgumentException("choice question " + id + " needs at least two options");
        }
        Set<String> codes = new HashSet<>();
        for (ChoiceOption option : options) {
            if (!codes.add(option.code())) {
                throw new IllegalArgumentException("question " + id + " repeats option " + option.code());
            }
        }
        for (String failOption : failOptions) {
            if (!codes.contains(failOption)) {
                throw new IllegalArgumentException("question " + id + " fails on '" + failOption
                        + "', which is not one of its options");
            }
        }
    }

    private static void checkText(String id, Integer maxLength, String pattern) {
        if (maxLength != null && maxLength < 1) {
            throw new IllegalArgumentException("question " + id + " has maxLength " + maxLength);
        }
        if (pattern != null) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("question " + id + " has an invalid pattern: " + e.getDescription());
            }
        }
    }

    private static void checkPhotos(String id, boolean required, Integer minCount, Integer maxCount) {
        if (minCount != null && minCount < (required ? 1 : 0)) {
            throw new IllegalArgumentException("question " + id + " has minCount " + minCount);
        }
        if (maxCount != null && maxCount < Math.max(1, minCount == null ? 0 : minCount)) {
            throw new IllegalArgumentException("question " + id + " has maxCount " + maxCount + " below its minCount");
        }
    }

    /** Builds a question; every setting left out is absent. */
    public static final class Builder {
        private final String id;
        private final QuestionType type;
        private String label;
        private String hint;
        private boolean required;
        private String unit;
        private BigDecimal min;
        private BigDecimal max;
        private Integer decimals;
        private List<ChoiceOption> options;
        private Integer maxLength;
        private String pattern;
        private Integer minCount;
        private Integer maxCount;
        private Boolean failWhen;
        private BigDecimal failBelow;
        private BigDecimal failAbove;
        private List<String> failOptions;

        private Builder(String id, QuestionType type) {
            this.id = id;
            this.type = type;
        }

        public Builder label(String label) {
            this.label = label;
            return this;
        }

        public Builder hint(String hint) {
            this.hint = hint;
            return this;
        }

        public Builder required(boolean required) {
            this.required = required;
            return this;
        }

        public Builder unit(String unit) {
            this.unit = unit;
            return this;
        }

        public Builder range(BigDecimal min, BigDecimal max) {
            this.min = min;
            this.max = max;
            return this;
        }

        public Builder decimals(Integer decimals) {
            this.decimals = decimals;
            return this;
        }

        public Builder options(List<ChoiceOption> options) {
            this.options = options;
            return this;
        }

        public Builder maxLength(Integer maxLength) {
            this.maxLength = maxLength;
            return this;
        }

        public Builder pattern(String pattern) {
            this.pattern = pattern;
            return this;
        }

        public Builder photoCount(Integer minCount, Integer maxCount) {
            this.minCount = minCount;
            this.maxCount = maxCount;
            return this;
        }

        public Builder failWhen(Boolean failWhen) {
            this.failWhen = failWhen;
            return this;
        }

        public Builder failOutside(BigDecimal failBelow, BigDecimal failAbove) {
            this.failBelow = failBelow;
            this.failAbove = failAbove;
            return this;
        }

        public Builder failOptions(List<String> failOptions) {
            this.failOptions = failOptions;
            return this;
        }

        public Question build() {
            return new Question(id, type, label, hint, required, unit, min, max, decimals, options, maxLength, pattern,
                    minCount, maxCount, failWhen, failBelow, failAbove, failOptions);
        }
    }
}
