package io.bazaar.store.platform.web;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonTypeName;
import io.dropwizard.logging.common.AppenderFactory;
import io.dropwizard.logging.common.ConsoleAppenderFactory;
import io.dropwizard.logging.common.async.AsyncLoggingEventAppenderFactory;
import io.dropwizard.logging.common.filter.NullLevelFilterFactory;
import io.dropwizard.logging.common.layout.LayoutFactory;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.server.CustomRequestLog;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.slf4j.LoggerFactory;

/**
 * The request log ({@code server.requestLog.type: bazaar}): one line per request in a Jetty
 * {@link CustomRequestLog} format, written through Dropwizard's appenders (console, file, syslog...).
 *
 * <p>The default line is the method and path (never the query string, which may carry a token), the status, the
 * body's bytes, the time taken and the request's trace id ({@code X-Request-Id}, as the client got it and as the
 * application's own log lines carry it), and nothing about the caller: no address, no headers, no cookies. Dropwizard's
 * default request log (logback-access) copies every header, cookie and attribute of each request for its background
 * writer, which this format never prints; Jetty's formatter here renders the line on the request thread from
 * compiled handles and hands the writer a finished string. Under checkout load the request log's share of the
 * store's CPU fell from 8.4% to 5.8% (docs/BENCHMARKS.md).
 */
@JsonTypeName("bazaar")
public final class BazaarRequestLogFactory implements io.dropwizard.request.logging.RequestLogFactory<RequestLog> {
    /** The logger the lines go to; not additive, so the application log's appenders do not repeat them. */
    public static final String LOGGER = "http.request";
    public static final String DEFAULT_FORMAT = "\"%m %U\" %s %O %{ms}T ms %{" + TraceIdFilter.HEADER + "}o";

    @NotBlank
    private String format = DEFAULT_FORMAT;

    @Valid
    @NotNull
    private List<AppenderFactory<ILoggingEvent>> appenders = List.of(new ConsoleAppenderFactory<>());

    @JsonProperty
    public String getFormat() {
        return format;
    }

    @JsonProperty
    public void setFormat(String format) {
        this.format = format;
    }

    @JsonProperty
    public List<AppenderFactory<ILoggingEvent>> getAppenders() {
        return appenders;
    }

    @JsonProperty
    public void setAppenders(List<AppenderFactory<ILoggingEvent>> appenders) {
        this.appenders = new ArrayList<>(appenders);
    }

    @Override
    public boolean isEnabled() {
        return !appenders.isEmpty();
    }

    @Override
    public RequestLog build(String name) {
        Logger logger = (Logger) LoggerFactory.getLogger(LOGGER);
        logger.setAdditive(false);
        LoggerContext context = logger.getLoggerContext();
        // The line is complete when it reaches the appender: the layout only ends it. An appender's logFormat, if
        // set, replaces this (e.g. "%d{ISO8601,UTC} %m%n" to add a timestamp).
        LayoutFactory<ILoggingEvent> layout = (ctx, timeZone) -> {
            PatternLayout l = new PatternLayout();
            l.setContext(ctx);
            l.setPattern("%m%n");
            return l;
        };
        AppenderAttachableImpl<ILoggingEvent> attached = new AppenderAttachableImpl<>();
        for (AppenderFactory<ILoggingEvent> factory : appenders) {
            attached.addAppender(factory.build(context, name, layout, new NullLevelFilterFactory<>(),
                    new AsyncLoggingEventAppenderFactory()));
        }
        return new CustomRequestLog(new Writer(attached, context), format);
    }

    /** Hands each finished line to the appenders as an INFO event of {@link #LOGGER}. */
    private static final class Writer extends AbstractLifeCycle implements RequestLog.Writer {
        private final AppenderAttachableImpl<ILoggingEvent> appenders;
        private final LoggerContext context;

        Writer(AppenderAttachableImpl<ILoggingEvent> appenders, LoggerContext context) {
            this.appenders = appenders;
            this.context = context;
        }

        @Override
        public void write(String line) {
            LoggingEvent event = new LoggingEvent();
            event.setLevel(Level.INFO);
            event.setLoggerName(LOGGER);
            event.setMessage(line);
            event.setTimeStamp(System.currentTimeMillis());
            event.setLoggerContext(context);
            appenders.appendLoopOnAppenders(event);
        }

        @Override
        protected void doStop() throws Exception {
            appenders.detachAndStopAllAppenders();
            super.doStop();
        }
    }
}
