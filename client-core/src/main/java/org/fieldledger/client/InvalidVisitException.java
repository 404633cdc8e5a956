package org.fieldledger.client;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.fieldledger.model.visit.Problem;

/** A visit that cannot be submitted: every problem with its answers, at once, so they can all be fixed in one pass. */
public final class InvalidVisitException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient List<Problem> problems;

    public InvalidVisitException(List<Problem> problems) {
        super(problems.size() + (problems.size() == 1 ? " answer is" : " answers are") + " not acceptable");
        this.problems = Collections.unmodifiableList(new ArrayList<>(problems));
    }

    public List<Problem> problems() {
        return problems;
    }
}
