package org.fieldledger.server.auth;

import io.micronaut.core.convert.ArgumentConversionContext;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.bind.binders.PostponedRequestArgumentBinder;
import io.micronaut.http.bind.binders.TypedRequestArgumentBinder;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * Gives a controller method that declares a {@link Caller} parameter the caller that {@link AuthenticationFilter}
 * authenticated. Postponed, so it binds after the filters have run.
 */
@Singleton
final class CallerBinder implements TypedRequestArgumentBinder<Caller>, PostponedRequestArgumentBinder<Caller> {
    private static final Argument<Caller> TYPE = Argument.of(Caller.class);

    @Override
    public Argument<Caller> argumentType() {
        return TYPE;
    }

    @Override
    public BindingResult<Caller> bind(ArgumentConversionContext<Caller> context, HttpRequest<?> request) {
        Optional<Caller> caller = request.getAttribute(AuthenticationFilter.CALLER_ATTRIBUTE, Caller.class);
        if (caller.isEmpty()) {
            // Only an endpoint exempt from the filter can get here: declaring a Caller there is a programming error.
            throw new IllegalStateException(request.getPath() + " takes a Caller but is not authenticated");
        }
        return () -> caller;
    }
}
