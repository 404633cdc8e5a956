package org.fieldledger.server.error;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.fieldledger.model.ErrorCode;

/**
 * Turns what Jackson says about a request body into an error a client developer can act on: which field, what was
 * expected. Jackson's own messages name Java classes and parser internals, so none of them is passed on whole.
 *
 * <p>Unreadable input (not JSON, an unknown field, a value of the wrong JSON type, a required field missing) is a
 * 400 MALFORMED_REQUEST; a value of the right type that breaks a rule (an unknown role, a latitude of 91) is a 422
 * VALIDATION_FAILED.
 */
final class BodyProblems {
    private BodyProblems() {
    }

    /** The error for a body Jackson could not read, or null when {@code failure} holds no Jackson exception. */
    static ApiException from(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof ApiException api) {
                return api;
            }
            if (cause instanceof ValueInstantiationException instantiation) {
                return fromConstructor(instantiation);
            }
            if (cause instanceof JsonMappingException mapping) {
                return fromMapping(mapping);
            }
            if (cause instanceof JsonProcessingException syntax) {
                return notJson(syntax);
            }
        }
        return null;
    }

    static ApiException notJson(JsonProcessingException syntax) {
        String what = syntax.getOriginalMessage();
        // Jackson appends "(start marker at [Source: …])" and similar locations; ours is given below instead.
        int location = what.indexOf(" (start marker at");
        what = (location < 0 ? what : what.substring(0, location)).lines().findFirst().orElse("");
        JsonLocation at = syntax.getLocation();
        String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
        return new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is not valid JSON" + where + ": "
                + what);
    }

    /** A request record's constructor refused a value: its message says why. */
    private static ApiException fromConstructor(ValueInstantiationException instantiation) {
        Throwable cause = instantiation.getCause();
        if (cause instanceof ApiException api) {
            return api;
        }
        String field = path(instantiation);
        String message = cause == null || cause.getMessage() == null ? "has a value that is not allowed"
                : cause.getMessage();
        return field.isEmpty() ? new ApiException(ErrorCode.VALIDATION_FAILED, message)
                : ApiException.invalidField(field, message);
    }

    private static ApiException fromMapping(JsonMappingException mapping) {
        String field = path(mapping);
        if (mapping instanceof UnrecognizedPropertyException unknown) {
            String known = unknown.getKnownPropertyIds() == null ? "" : "; known fields: "
                    + unknown.getKnownPropertyIds().stream().map(String::valueOf).sorted()
                    .collect(Collectors.joining(", "));
            return malformed(field, "Unknown field '" + field + "'" + known);
        }
        if (mapping.getOriginalMessage().startsWith("Trailing token")) {
            return malformed("", "The request body has more after its JSON value");
        }
        if (mapping instanceof InvalidFormatException format && format.getTargetType() != null
                && !isScalar(format.getTargetType())) {
            return ApiException.invalidField(field, valueProblem(format));
        }
        if (mapping instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            if (mapping.getOriginalMessage().startsWith("Cannot map `null`")) {
                return ApiException.missingField(field);
            }
            if (field.isEmpty()) {
                return malformed(field, "The request body must be " + expected(mismatch.getTargetType()));
            }
            return malformed(field, "Field '" + field + "' must be " + expected(mismatch.getTargetType()));
        }
        return malformed(field, field.isEmpty() ? "The request body cannot be read"
                : "Field '" + field + "' cannot be read");
    }

    private static String valueProblem(InvalidFormatException format) {
        Class<?> type = format.getTargetType();
        if (type.isEnum()) {
            return "'" + format.getValue() + "' is not one of " + Arrays.stream(type.getEnumConstants())
                    .map(String::valueOf).collect(Collectors.joining(", "));
        }
        // DomainJsonModule puts the domain type's own explanation in the message.
        return format.getOriginalMessage();
    }

    private static ApiException malformed(String field, String message) {
        return new ApiException(ErrorCode.MALFORMED_REQUEST, message,
                field.isEmpty() ? List.of() : List.of(new ApiError.Detail(field, null, message)));
    }

    /** The field as a JSON path a client recognises: {@code location.latitude}, {@code areas[1]}. */
    private static String path(JsonMappingException mapping) {
        StringBuilder path = new StringBuilder();
        List<JsonMappingException.Reference> references = new ArrayList<>(mapping.getPath());
        for (JsonMappingException.Reference reference : references) {
            if (reference.getFieldName() != null) {
                path.append(path.length() == 0 ? "" : ".").append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static boolean isScalar(Class<?> type) {
        return type.isPrimitive() || Number.class.isAssignableFrom(type) || type == Boolean.class
                || CharSequence.class.isAssignableFrom(type);
    }

    private static String expected(Class<?> type) {
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || isTextRecord(type)) {
            return "a string";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type.isPrimitive() || Number.class.isAssignableFrom(type)) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type) || type.isRecord() || type == Object.class) {
            return "a JSON object";
        }
        return "a JSON value of another type";
    }

    /** The shared model's ids and names (SiteId, Area): records of one string, written as a JSON string. */
    private static boolean isTextRecord(Class<?> type) {
        return type.isRecord() && type.getRecordComponents().length == 1
                && type.getRecordComponents()[0].getType() == String.class;
    }
}
