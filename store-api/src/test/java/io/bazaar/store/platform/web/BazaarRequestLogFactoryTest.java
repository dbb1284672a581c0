package io.bazaar.store.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import io.bazaar.store.BazaarConfiguration;
import io.dropwizard.configuration.EnvironmentVariableSubstitutor;
import io.dropwizard.configuration.FileConfigurationSourceProvider;
import io.dropwizard.configuration.SubstitutingSourceProvider;
import io.dropwizard.configuration.YamlConfigurationFactory;
import io.dropwizard.core.server.DefaultServerFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.logging.common.FileAppenderFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request log over real HTTP through Jetty, written by a real file appender. */
class BazaarRequestLogFactoryTest {

    @TempDir
    Path dir;

    @Test
    void aLineHoldsMethodPathStatusBytesTimeAndTraceId_andNothingAboutTheCaller() throws Exception {
        Path file = dir.resolve("requests.log");
        FileAppenderFactory<ILoggingEvent> appender = new FileAppenderFactory<>();
        appender.setCurrentLogFilename(file.toString());
        appender.setArchive(false);
        BazaarRequestLogFactory factory = new BazaarRequestLogFactory();
        factory.setAppenders(List.of(appender));

        Server server = new Server(0);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                response.setStatus(404);
                response.getHeaders().put(TraceIdFilter.HEADER, "trace-0123456789");
                response.write(true, ByteBuffer.wrap("not here".getBytes(StandardCharsets.UTF_8)), callback);
                return true;
            }
        });
        server.setRequestLog(factory.build("bazaar-test"));
        server.start();
        try {
            int port = ((ServerConnector) server.getConnectors()[0]).getLocalPort();
            HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create("http://localhost:" + port + "/v1/orders/0192?token=secret-order-token"))
                    .header("Cookie", "session=secret-cookie").header("User-Agent", "secret-agent").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).isEqualTo(404);
        } finally {
            server.stop(); // stops the log's writer, which drains the asynchronous appender into the file
        }

        List<String> lines = Files.readAllLines(file);
        assertThat(lines).hasSize(1);
        assertThat(lines.get(0)).matches("\"GET /v1/orders/0192\" 404 8 \\d+ ms trace-0123456789");
        assertThat(lines.get(0)).doesNotContain("secret", "127.0.0.1", "localhost");
    }

    @Test
    void theShippedConfigurationUsesIt() throws Exception {
        YamlConfigurationFactory<BazaarConfiguration> yaml = new YamlConfigurationFactory<>(BazaarConfiguration.class,
                Validators.newValidator(), Jackson.newObjectMapper(), "dw");
        BazaarConfiguration config = yaml.build(new SubstitutingSourceProvider(new FileConfigurationSourceProvider(),
                new EnvironmentVariableSubstitutor(false)), Path.of("..", "config.yml").toString());
        DefaultServerFactory server = (DefaultServerFactory) config.getServerFactory();
        assertThat(server.getRequestLogFactory()).isInstanceOf(BazaarRequestLogFactory.class);
        assertThat(((BazaarRequestLogFactory) server.getRequestLogFactory()).getFormat())
                .isEqualTo(BazaarRequestLogFactory.DEFAULT_FORMAT);
        assertThat(server.getEnableThreadNameFilter()).isFalse();
    }
}
