package io.bazaar.store.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The served OpenAPI document is generated from the code and lists every operation of every resource. */
@ExtendWith(DropwizardExtensionsSupport.class)
class OpenApiIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    @Test
    void everyResourceOperation_appearsInTheDocument() {
        Api.Reply r = BazaarApp.api(APP).get("/v1/openapi.json");
        assertThat(r.status()).isEqualTo(200);
        JsonNode doc = r.json();
        assertThat(doc.get("openapi").asText()).startsWith("3.");
        JsonNode paths = doc.get("paths");

        List<String> expected = new ArrayList<>();
        for (Class<?> resource : BazaarApp.app(APP).resourceClasses()) {
            String base = resource.getAnnotation(Path.class).value();
            for (Method m : resource.getMethods()) {
                String verb = verb(m);
                if (verb == null) {
                    continue;
                }
                Path sub = m.getAnnotation(Path.class);
                String full = join(base, sub == null ? "" : sub.value());
                expected.add(verb + " " + full);
            }
        }
        assertThat(expected).hasSizeGreaterThan(10);
        for (String op : expected) {
            String[] parts = op.split(" ", 2);
            assertThat(paths.has(parts[1])).as("path %s is documented", parts[1]).isTrue();
            assertThat(paths.get(parts[1]).has(parts[0])).as("%s is documented", op).isTrue();
        }
    }

    @Test
    void schemasUseTheApiNamingAndBearerAuthIsDeclared() {
        JsonNode doc = BazaarApp.api(APP).get("/v1/openapi.json").json();
        assertThat(doc.at("/components/securitySchemes/bearer/scheme").asText()).isEqualTo("bearer");
        JsonNode customer = doc.at("/components/schemas/CustomerResponse/properties");
        assertThat(customer.has("created_at")).isTrue();
        assertThat(customer.has("createdAt")).isFalse();
    }

    private static String verb(Method m) {
        for (Class<? extends java.lang.annotation.Annotation> a : List.of(GET.class, POST.class, PUT.class,
                PATCH.class, DELETE.class)) {
            if (m.isAnnotationPresent(a)) {
                return a.getSimpleName().toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    private static String join(String base, String sub) {
        String b = base.startsWith("/") ? base : "/" + base;
        if (sub.isEmpty()) {
            return b;
        }
        return (b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + (sub.startsWith("/") ? sub : "/" + sub);
    }
}
