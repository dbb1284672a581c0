package io.bazaar.store.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.bazaar.store.BazaarConfiguration;
import io.bazaar.store.support.Accounts;
import io.bazaar.store.support.Api;
import io.bazaar.store.support.BazaarApp;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error, wherever it comes from, is problem+json with a stable code; never a 500 for bad input. */
@ExtendWith(DropwizardExtensionsSupport.class)
class ErrorModelIT {
    static final DropwizardAppExtension<BazaarConfiguration> APP = BazaarApp.extension();

    Api api() {
        return BazaarApp.api(APP);
    }

    static void assertProblem(Api.Reply r, int status, String code) {
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith("application/problem+json");
        JsonNode p = r.json();
        assertThat(p.get("type").asText()).isEqualTo("urn:problem:bazaar:" + code);
        assertThat(p.get("title").asText()).isNotBlank();
        assertThat(p.get("status").asInt()).isEqualTo(status);
        assertThat(p.get("detail").asText()).isNotBlank();
        assertThat(p.get("code").asText()).isEqualTo(code);
        assertThat(p.get("errors").isArray()).isTrue();
        assertThat(p.get("trace_id").asText()).isNotBlank();
        assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Nested
    class BadBodies {
        @Test
        void malformedJson_is400() {
            assertProblem(api().post("/v1/customers", "{\"email\": \"a@b.c\", "), 400, "malformed_json");
            assertProblem(api().post("/v1/customers", "not json at all"), 400, "malformed_json");
            assertProblem(api().post("/v1/customers", "{\"email\":\"a@b.c\"} trailing"), 400, "malformed_json");
        }

        @Test
        void unknownField_is400_naming_the_field() {
            Api.Reply r = api().post("/v1/customers",
                    "{\"email\":\"a@b.c\",\"password\":\"Whatever-123\",\"is_admin\":true}");
            assertProblem(r, 400, "unknown_field");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo("is_admin");
        }

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', value = {
                "number for string | {\"email\":42,\"password\":\"Whatever-123\"} | email",
                "object for string | {\"email\":{\"x\":1},\"password\":\"Whatever-123\"} | email",
                "array for string | {\"email\":\"a@b.c\",\"password\":[1]} | password",
                "boolean for string | {\"email\":true,\"password\":\"Whatever-123\"} | email"})
        void wrongTypes_are400_naming_the_field(String label, String body, String field) {
            Api.Reply r = api().post("/v1/customers", body);
            assertProblem(r, 400, "invalid_field_type");
            assertThat(r.json().get("errors").get(0).get("field").asText()).isEqualTo(field);
        }

        @Test
        void bodyThatIsNotAnObject_is400() {
            assertProblem(api().post("/v1/customers", "[1,2,3]"), 400, "malformed_json");
            assertProblem(api().post("/v1/customers", "\"just a string\""), 400, "malformed_json");
        }

        @Test
        void missingBody_isValidationError() {
            Api.Reply r = api().send("POST", "/v1/customers", null, "application/json");
            assertProblem(r, 400, "validation_failed");
        }

        @Test
        void validationErrors_listEveryField() {
            Api.Reply r = api().post("/v1/customers", "{\"email\":\"not-an-email\",\"locale\":\"klingon\"}");
            assertProblem(r, 400, "validation_failed");
            assertThat(r.json().get("errors").findValuesAsText("field")).contains("email", "password", "locale");
        }

        @Test
        void oversizedBody_is413_withContentLength() {
            String huge = "{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(20_000) + "\"}";
            assertProblem(api().post("/v1/customers", huge), 413, "payload_too_large");
        }

        @Test
        void oversizedBody_is413_whenChunked() throws Exception {
            byte[] huge = ("{\"email\":\"a@b.c\",\"password\":\"" + "x".repeat(20_000) + "\"}").getBytes();
            HttpRequest req = HttpRequest.newBuilder(URI.create("http://localhost:" + APP.getLocalPort() + "/v1/customers"))
                    .header("Content-Type", "application/json")
                    // An InputStream publisher has no known length, so the client sends it chunked.
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))
                    .build();
            HttpResponse<String> resp = HttpClient.newHttpClient().send(req, HttpResponse.BodyHandlers.ofString());
            assertThat(resp.statusCode()).isEqualTo(413);
            assertThat(resp.headers().firstValue("Content-Type")).hasValueSatisfying(
                    t -> assertThat(t).startsWith("application/problem+json"));
        }

        @Test
        void wrongContentType_is415() {
            assertProblem(api().send("POST", "/v1/customers", "email=a@b.c", "application/x-www-form-urlencoded"),
                    415, "unsupported_media_type");
            assertProblem(api().send("POST", "/v1/customers", "{}", "text/plain"), 415, "unsupported_media_type");
        }
    }

    @Nested
    class Routing {
        @Test
        void unknownRoute_is404() {
            assertProblem(api().get("/v1/does-not-exist"), 404, "route_not_found");
            assertProblem(api().get("/"), 404, "route_not_found");
        }

        @Test
        void wrongMethod_is405_withAllow() {
            Api.Reply r = api().send("PUT", "/v1/customers", "{}", "application/json");
            assertProblem(r, 405, "method_not_allowed");
            assertThat(r.header("Allow")).hasValueSatisfying(a -> assertThat(a).contains("POST"));
        }

        @Test
        void badQueryParameter_is400() {
            Accounts.Session admin = Accounts.admin(api());
            assertProblem(api().get("/v1/admin/staff?limit=abc", admin.auth()), 400, "validation_failed");
            assertProblem(api().get("/v1/admin/staff?limit=0", admin.auth()), 400, "validation_failed");
            assertProblem(api().get("/v1/admin/staff?cursor=garbage!", admin.auth()), 400, "invalid_cursor");
        }

        @Test
        void malformedIdInPath_is404_not500() {
            Accounts.Session admin = Accounts.admin(api());
            assertProblem(api().get("/v1/admin/staff/not-a-uuid", admin.auth()), 404, "not_found");
            assertProblem(api().get("/v1/admin/crm/customers/12345/timeline", admin.auth()), 404, "not_found");
        }

        @Test
        void garbageBearerToken_is401() {
            assertProblem(api().get("/v1/me", "Authorization", "Bearer nonsense"), 401, "unauthenticated");
            assertProblem(api().get("/v1/me", "Authorization", "Basic YTpi"), 401, "unauthenticated");
        }
    }

    @Nested
    class ServerLevelErrors {
        /** Sends raw bytes: these requests are too broken for an HTTP client library to produce. */
        private String raw(String request) throws IOException {
            try (Socket socket = new Socket("localhost", APP.getLocalPort())) {
                socket.setSoTimeout(5000);
                socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
                socket.getOutputStream().flush();
                return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            }
        }

        @Test
        void malformedUriEncoding_isProblemJson() throws IOException {
            String response = raw("GET /v1/%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
            assertThat(response).startsWith("HTTP/1.1 400").contains("application/problem+json")
                    .contains("\"code\":\"bad_request\"").doesNotContain("<html");
        }

        @Test
        void oversizedHeaders_areProblemJson() throws IOException {
            String response = raw("GET /v1/health HTTP/1.1\r\nHost: localhost\r\nX-Big: " + "a".repeat(20_000)
                    + "\r\n\r\n");
            // Jetty answers before reading the whole request and closes; the body may be cut, the type is not.
            assertThat(response).startsWith("HTTP/1.1 431").contains("application/problem+json").doesNotContain("<html");
        }
    }

    @Nested
    class UnexpectedErrors {
        @Test
        void unexpectedException_is500_withOnlyATraceId() {
            Api.Reply r = api().get("/v1/test/boom", "X-Request-Id", "trace-abc-123456");
            assertProblem(r, 500, "internal_error");
            assertThat(r.json().get("trace_id").asText()).isEqualTo("trace-abc-123456");
            assertThat(r.body()).doesNotContain("hunter2").doesNotContain("IllegalStateException").doesNotContain("row 42");
        }
    }

    @Nested
    class Headers {
        @Test
        void securityHeaders_onSuccessAndErrors() {
            for (Api.Reply r : new Api.Reply[] {api().get("/v1/health"), api().get("/v1/nowhere"),
                    api().post("/v1/customers", "{")}) {
                assertThat(r.header("X-Content-Type-Options")).contains("nosniff");
                assertThat(r.header("Content-Security-Policy")).hasValueSatisfying(
                        v -> assertThat(v).contains("frame-ancestors 'none'"));
                assertThat(r.header("X-Request-Id")).isPresent();
            }
        }

        @Test
        void authenticatedResponses_areNotCached() {
            Accounts.Session s = Accounts.registerAndSignIn(api(), "cache");
            assertThat(api().get("/v1/me", s.auth()).header("Cache-Control")).contains("no-store");
        }

        @Test
        void cors_allowsOnlyConfiguredOrigins() {
            Api.Reply allowed = api().send("OPTIONS", "/v1/customers", null, null,
                    "Origin", "https://shop.example", "Access-Control-Request-Method", "POST",
                    "Access-Control-Request-Headers", "content-type,idempotency-key");
            assertThat(allowed.header("Access-Control-Allow-Origin")).contains("https://shop.example");

            Api.Reply denied = api().send("OPTIONS", "/v1/customers", null, null,
                    "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");
            assertThat(denied.header("Access-Control-Allow-Origin")).isEmpty();

            Api.Reply simple = api().get("/v1/health", "Origin", "https://shop.example");
            assertThat(simple.header("Access-Control-Allow-Origin")).contains("https://shop.example");
        }
    }

    @Test
    void health_reportsDatabaseAndRedis() {
        Api.Reply r = api().get("/v1/health");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.json().get("status").asText()).isEqualTo("ok");
        assertThat(r.json().get("checks").get("postgresql").asText()).isEqualTo("up");
        assertThat(r.json().get("checks").get("redis").asText()).isEqualTo("up");
    }

    @Test
    void ping_answersPongWithoutTouchingDependencies() {
        Api.Reply r = api().get("/v1/ping");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
        assertThat(r.json().toString()).isEqualTo("{\"pong\":true}");
    }
}
