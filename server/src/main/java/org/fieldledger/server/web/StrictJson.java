package org.fieldledger.server.web;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import jakarta.inject.Singleton;

/**
 * Makes the API's JSON reader take what a request says literally. By default Jackson reads {@code 12345} as the
 * string "12345", {@code "true"} as true, {@code 1.9} as the integer 1, a missing number as 0, keeps the last of two
 * equal keys and ignores anything after the first value; Micronaut adds reading {@code "x"} as {@code ["x"]}. Each
 * of these would let a client's bug pass unnoticed, so each is refused here instead (as a 400 naming the field).
 */
@Singleton
final class StrictJson implements BeanCreatedEventListener<ObjectMapper> {
    @Override
    @SuppressWarnings("deprecation") // configure(MapperFeature, …) on a built mapper: Micronaut builds it for us
    public ObjectMapper onCreated(BeanCreatedEvent<ObjectMapper> event) {
        ObjectMapper mapper = event.getBean();
        mapper.configure(MapperFeature.ALLOW_COERCION_OF_SCALARS, false);
        mapper.enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        // Micronaut turns these two on: they read "x" as ["x"] and ["x"] as "x".
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY,
                DeserializationFeature.UNWRAP_SINGLE_VALUE_ARRAYS);
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer, CoercionInputShape.Float,
                CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.Integer, CoercionInputShape.Float);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean);
        return mapper;
    }

    private static void refuse(ObjectMapper mapper, LogicalType type, CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }
}
