package org.fieldledger.server.document;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.util.function.Function;

/**
 * Reads catalog and template files strictly: unknown fields, missing fields, wrong types and trailing garbage are
 * errors, each reported as a {@link DocumentException} with the file, line and field. The files are edited by hand
 * from the notices, so every mistake must point at the line to fix.
 */
public final class DocumentReader {
    private final ObjectMapper mapper;
    private final ObjectMapper missingFieldsAllowed;

    private DocumentReader(boolean everyFieldRequired) {
        this.mapper = mapper(everyFieldRequired);
        this.missingFieldsAllowed = mapper(false);
    }

    private static ObjectMapper mapper(boolean everyFieldRequired) {
        return JsonMapper.builder()
                .addModule(new JavaTimeModule())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .configure(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES, everyFieldRequired)
                .build();
    }

    /** A reader for formats where every field is written out, null where empty (the catalog). */
    public static DocumentReader everyFieldRequired() {
        return new DocumentReader(true);
    }

    /** A reader for formats where optional fields may be left out (templates). */
    public static DocumentReader optionalFieldsMayBeOmitted() {
        return new DocumentReader(false);
    }

    /**
     * Binds the file to {@code type}, then converts it with {@code toDomain}. A rule the conversion finds broken is
     * reported at the line of the field it names: the conversion throws {@link FieldException}.
     */
    public <T, R> R read(DocumentSource source, Class<T> type, Function<T, R> toDomain) {
        T document;
        try {
            document = mapper.readValue(source.content(), type);
        } catch (JsonProcessingException e) {
            throw located(source, firstProblem(source, type, e));
        } catch (IOException e) {
            throw new DocumentException(source.name(), 0, null, "cannot be read: " + e.getMessage());
        }
        if (document == null) {
            throw new DocumentException(source.name(), 1, null, "is empty");
        }
        try {
            return toDomain.apply(document);
        } catch (FieldException e) {
            int line = source.lineOf(e.path());
            throw new DocumentException(source.name(), line, e.path().isEmpty() ? null : e.path(), e.getMessage());
        }
    }

    /**
     * Jackson checks for missing record fields before it reports an unknown one, but a misspelt field is both, and
     * "unknown field 'categry'" is the message that leads to the fix.
     */
    private JsonProcessingException firstProblem(DocumentSource source, Class<?> type, JsonProcessingException e) {
        if (!isMissingField(e)) {
            return e;
        }
        try {
            missingFieldsAllowed.readValue(source.content(), type);
        } catch (UnrecognizedPropertyException unknown) {
            return unknown;
        } catch (IOException ignored) {
            // the missing field is the first problem
        }
        return e;
    }

    private static boolean isMissingField(JsonProcessingException e) {
        return e instanceof MismatchedInputException && e.getOriginalMessage().startsWith("Missing creator property");
    }

    private static DocumentException located(DocumentSource source, JsonProcessingException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof StreamReadException syntax) {
                int line = syntax.getLocation() == null ? 0 : syntax.getLocation().getLineNr();
                return new DocumentException(source.name(), line, null,
                        "is not valid JSON: " + syntax.getOriginalMessage().split("\n", 2)[0]);
            }
        }
        String path = e instanceof JsonMappingException mapping ? pathOf(mapping) : null;
        // Jackson reports record fields where the object ends; the field's own line is where to look.
        int line = path == null ? 0 : source.lineOf(path);
        if (line == 0 && e.getLocation() != null) {
            line = e.getLocation().getLineNr();
        }
        return new DocumentException(source.name(), line, path, describe(e));
    }

    private static String pathOf(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference reference : e.getPath()) {
            if (reference.getFieldName() != null) {
                if (path.length() > 0) {
                    path.append('.');
                }
                path.append(reference.getFieldName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.length() == 0 ? null : path.toString();
    }

    /** Jackson's own messages name Java classes; these name the problem in the file's terms. */
    private static String describe(JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + unknown.getPropertyName() + "'";
        }
        if (e instanceof InvalidFormatException invalid) {
            return "'" + invalid.getValue() + "' is not a valid " + typeName(invalid.getTargetType());
        }
        if (e instanceof MismatchedInputException mismatched) {
            String original = mismatched.getOriginalMessage();
            if (isMissingField(mismatched)) {
                return "is missing (write it out, with null if the notice gives nothing)";
            }
            if (original.contains("Cannot map `null` into type")) {
                return "must not be null";
            }
            return "expected " + typeName(mismatched.getTargetType());
        }
        return e.getOriginalMessage().split("\n", 2)[0];
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type.isEnum()) {
            StringBuilder names = new StringBuilder("value, one of");
            for (Object constant : type.getEnumConstants()) {
                names.append(' ').append(constant);
            }
            return names.toString();
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
            return "number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "true or false";
        }
        if (java.time.LocalDate.class.equals(type)) {
            return "date (YYYY-MM-DD)";
        }
        if (java.util.Collection.class.isAssignableFrom(type)) {
            return "list";
        }
        if (type == String.class) {
            return "text";
        }
        return "object";
    }
}
