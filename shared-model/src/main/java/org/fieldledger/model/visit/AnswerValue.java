package org.fieldledger.model.visit;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.fieldledger.model.internal.Checks;
import org.fieldledger.model.site.GeoPoint;
import org.fieldledger.model.template.QuestionType;

/**
 * An answer to one question. Each variant carries the question type it answers, so a stored answer can be checked
 * against the template version it was given under without guessing from its JSON shape.
 */
public sealed interface AnswerValue {
    QuestionType type();

    record YesNo(boolean value) implements AnswerValue {
        @Override
        public QuestionType type() {
            return QuestionType.YES_NO;
        }
    }

    record Numeric(BigDecimal value) implements AnswerValue {
        public Numeric {
            Objects.requireNonNull(value, "number answer");
        }

        @Override
        public QuestionType type() {
            return QuestionType.NUMBER;
        }
    }

    record SingleChoice(String code) implements AnswerValue {
        public SingleChoice {
            Checks.nonBlank(code, "chosen option");
        }

        @Override
        public QuestionType type() {
            return QuestionType.SINGLE_CHOICE;
        }
    }

    record MultiChoice(List<String> codes) implements AnswerValue {
        public MultiChoice {
            codes = Checks.immutableList(codes, "chosen options");
        }

        @Override
        public QuestionType type() {
            return QuestionType.MULTI_CHOICE;
        }
    }

    record Text(String text) implements AnswerValue {
        public Text {
            Objects.requireNonNull(text, "text answer");
        }

        @Override
        public QuestionType type() {
            return QuestionType.TEXT;
        }
    }

    record Photos(List<PhotoRef> photos) implements AnswerValue {
        public Photos {
            photos = Checks.immutableList(photos, "photos");
        }

        @Override
        public QuestionType type() {
            return QuestionType.PHOTO;
        }
    }

    /** A signature is drawn on the screen and kept as an image, like a photo. */
    record Signature(PhotoRef image) implements AnswerValue {
        public Signature {
            Objects.requireNonNull(image, "signature image");
        }

        @Override
        public QuestionType type() {
            return QuestionType.SIGNATURE;
        }
    }

    record Location(GeoPoint point) implements AnswerValue {
        public Location {
            Objects.requireNonNull(point, "location");
        }

        @Override
        public QuestionType type() {
            return QuestionType.GPS;
        }
    }
}
