package io.bazaar.store.platform.idempotency;

import jakarta.ws.rs.POST;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.DynamicFeature;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.FeatureContext;
import java.lang.reflect.Method;

/** Attaches {@link IdempotencyFilter} to every POST and PATCH resource method not marked {@link IdempotencyExempt}. */
public final class IdempotencyFeature implements DynamicFeature {
    private final IdempotencyFilter filter;

    public IdempotencyFeature(IdempotencyFilter filter) {
        this.filter = filter;
    }

    @Override
    public void configure(ResourceInfo resourceInfo, FeatureContext context) {
        Method m = resourceInfo.getResourceMethod();
        boolean changesState = m.isAnnotationPresent(POST.class) || m.isAnnotationPresent(PATCH.class);
        if (changesState && !m.isAnnotationPresent(IdempotencyExempt.class)) {
            // After authentication and authorisation, so the key is scoped to a known caller.
            context.register(filter, Priorities.USER);
        }
    }
}
