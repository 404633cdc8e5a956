package org.fieldledger.server.web;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.function.Function;
import org.fieldledger.model.catalog.Area;
import org.fieldledger.model.catalog.PlanId;
import org.fieldledger.model.catalog.ProjectId;
import org.fieldledger.model.catalog.Unit;
import org.fieldledger.model.review.CompletionId;
import org.fieldledger.model.review.CorrectiveActionId;
import org.fieldledger.model.site.SiteId;
import org.fieldledger.model.template.TemplateId;
import org.fieldledger.model.visit.PhotoRef;
import org.fieldledger.model.visit.VisitId;

/**
 * Writes the shared model's typed ids and names as plain JSON strings ({@code "jingkai-2025-24"}, not
 * {@code {"value": …}}), and reads them back through their validating constructors, so a malformed id in a request
 * is refused with the constructor's message (as an {@link InvalidFormatException}, which the error package maps).
 * Micronaut registers every Jackson module bean with its ObjectMapper.
 */
@Singleton
public final class DomainJsonModule extends SimpleModule {
    public DomainJsonModule() {
        super("fieldledger-domain");
        asString(PlanId.class, PlanId::value, PlanId::new);
        asString(ProjectId.class, ProjectId::value, ProjectId::new);
        asString(TemplateId.class, TemplateId::value, TemplateId::new);
        asString(SiteId.class, SiteId::value, SiteId::new);
        asString(VisitId.class, VisitId::value, VisitId::new);
        asString(CompletionId.class, CompletionId::value, CompletionId::new);
        asString(CorrectiveActionId.class, CorrectiveActionId::value, CorrectiveActionId::new);
        asString(PhotoRef.class, PhotoRef::sha256, PhotoRef::new);
        asString(Unit.class, Unit::name, Unit::new);
        asString(Area.class, Area::name, Area::new);
    }

    private <T> void asString(Class<T> type, Function<T, String> write, Function<String, T> read) {
        addSerializer(type, new JsonSerializer<T>() {
            @Override
            public void serialize(T value, JsonGenerator generator, SerializerProvider provider) throws IOException {
                generator.writeString(write.apply(value));
            }
        });
        addDeserializer(type, new JsonDeserializer<T>() {
            @Override
            public T deserialize(JsonParser parser, DeserializationContext context) throws IOException {
                if (parser.currentToken() != JsonToken.VALUE_STRING) {
                    return type.cast(context.handleUnexpectedToken(type, parser));
                }
                String text = parser.getText();
                try {
                    return read.apply(text);
                } catch (IllegalArgumentException e) {
                    // The constructor's message alone: it says what is wrong in the client's terms.
                    throw InvalidFormatException.from(parser, e.getMessage(), text, type);
                }
            }
        });
    }
}
