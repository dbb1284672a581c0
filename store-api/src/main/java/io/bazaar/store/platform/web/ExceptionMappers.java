package io.bazaar.store.platform.web;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.bazaar.shared.error.ApiException;
import io.bazaar.shared.error.ErrorCode;
import io.bazaar.shared.error.FieldError;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotAcceptableException;
import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotAuthorizedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.NotSupportedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.glassfish.jersey.server.ParamException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Replaces Dropwizard's default exception mappers (disabled in config.yml) so that every error,
 * including JSON parse errors, bean validation, unknown routes and unexpected exceptions, answers
 * {@code application/problem+json}.
 */
public final class ExceptionMappers {
    private static final Logger LOG = LoggerFactory.getLogger(ExceptionMappers.class);

    private ExceptionMappers() {
    }

    public static List<Object> all() {
        return List.of(new ApiExceptionMapper(), new JsonExceptionMapper(), new ValidationExceptionMapper(),
                new WebApplicationExceptionMapper(), new UnexpectedExceptionMapper());
    }

    public static final class ApiExceptionMapper implements ExceptionMapper<ApiException> {
        @Override
        public Response toResponse(ApiException e) {
            Response.ResponseBuilder b = Problems.builder(e.errorCode(), e.getMessage(), e.errors());
            e.headers().forEach(b::header);
            return b.build();
        }
    }

    public static final class JsonExceptionMapper implements ExceptionMapper<JsonProcessingException> {
        @Override
        public Response toResponse(JsonProcessingException e) {
            if (e instanceof UnrecognizedPropertyException u) {
                String field = path(u);
                return Problems.response(ErrorCode.UNKNOWN_FIELD, "Unknown field '" + field + "'",
                        List.of(new FieldError(field, "is not a known field")));
            }
            if (e instanceof InvalidFormatException || e instanceof MismatchedInputException) {
                JsonMappingException m = (JsonMappingException) e;
                String field = path(m);
                if (field.isEmpty()) {
                    return Problems.response(ErrorCode.MALFORMED_JSON,
                            "The request body must be a JSON object of the documented shape");
                }
                String expected = m instanceof MismatchedInputException mi && mi.getTargetType() != null
                        ? describe(mi.getTargetType()) : "a value of the documented type";
                return Problems.response(ErrorCode.INVALID_FIELD_TYPE, "Field '" + field + "' has the wrong type",
                        List.of(new FieldError(field, "must be " + expected)));
            }
            if (e instanceof JsonParseException || e.getCause() instanceof JsonParseException) {
                return Problems.response(ErrorCode.MALFORMED_JSON, "The request body is not valid JSON");
            }
            if (e instanceof JsonMappingException m && m.getCause() instanceof IllegalArgumentException iae) {
                // A record's compact constructor rejected the value.
                String field = path(m);
                return Problems.response(ErrorCode.VALIDATION_FAILED, "The request is not valid",
                        List.of(new FieldError(field.isEmpty() ? "body" : field, iae.getMessage())));
            }
            return Problems.response(ErrorCode.MALFORMED_JSON, "The request body could not be read as JSON");
        }

        private static String path(JsonMappingException e) {
            StringBuilder sb = new StringBuilder();
            for (JsonMappingException.Reference ref : e.getPath()) {
                if (ref.getFieldName() != null) {
                    if (!sb.isEmpty()) {
                        sb.append('.');
                    }
                    sb.append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    sb.append('[').append(ref.getIndex()).append(']');
                }
            }
            return sb.toString();
        }

        private static String describe(Class<?> type) {
            if (type == String.class) {
                return "a string";
            }
            if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
                return "an integer";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (type.isEnum()) {
                return "one of the documented values";
            }
            if (List.class.isAssignableFrom(type) || type.isArray()) {
                return "an array";
            }
            return "an object of the documented shape";
        }
    }

    public static final class ValidationExceptionMapper implements ExceptionMapper<ConstraintViolationException> {
        @Override
        public Response toResponse(ConstraintViolationException e) {
            List<FieldError> errors = new ArrayList<>();
            for (ConstraintViolation<?> v : e.getConstraintViolations()) {
                errors.add(new FieldError(field(v.getPropertyPath()), v.getMessage()));
            }
            errors.sort(Comparator.comparing(FieldError::field).thenComparing(FieldError::message));
            return Problems.response(ErrorCode.VALIDATION_FAILED, "The request is not valid", errors);
        }

        /** {@code register.request.email} becomes {@code email}; a null body becomes {@code body}. */
        private static String field(Path path) {
            StringBuilder sb = new StringBuilder();
            String parameter = null;
            for (Path.Node node : path) {
                if (node.getKind() == ElementKind.PARAMETER) {
                    parameter = node.getName();
                } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                    if (node.getIndex() != null && !sb.isEmpty()) {
                        sb.append('[').append(node.getIndex()).append(']');
                    }
                    if (node.getName() != null && !node.getName().startsWith("<")) {
                        if (!sb.isEmpty()) {
                            sb.append('.');
                        }
                        sb.append(snake(node.getName()));
                    }
                }
            }
            if (!sb.isEmpty()) {
                return sb.toString();
            }
            return parameter == null || parameter.startsWith("arg") || "request".equals(parameter) ? "body" : parameter;
        }

        private static String snake(String camel) {
            return camel.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(java.util.Locale.ROOT);
        }
    }

    public static final class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {
        @Override
        public Response toResponse(WebApplicationException e) {
            Response original = e.getResponse();
            ErrorCode code;
            String detail;
            List<FieldError> errors = List.of();
            if (e instanceof ParamException p) {
                String name = p.getParameterName();
                code = ErrorCode.VALIDATION_FAILED;
                detail = "Parameter '" + name + "' is not valid";
                errors = List.of(new FieldError(name, "has the wrong format"));
                if (p instanceof ParamException.PathParamException) {
                    code = ErrorCode.NOT_FOUND;
                    detail = "Not found";
                    errors = List.of();
                }
            } else if (e instanceof NotFoundException) {
                code = ErrorCode.ROUTE_NOT_FOUND;
                detail = "There is no endpoint at this path; see /v1/openapi.json";
            } else if (e instanceof NotAllowedException) {
                code = ErrorCode.METHOD_NOT_ALLOWED;
                detail = "This endpoint does not accept that method; allowed: " + original.getAllowedMethods();
            } else if (e instanceof NotSupportedException) {
                code = ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                detail = "Send the body as application/json";
            } else if (e instanceof NotAcceptableException) {
                code = ErrorCode.NOT_ACCEPTABLE;
                detail = "This endpoint answers application/json";
            } else if (e instanceof NotAuthorizedException) {
                code = ErrorCode.UNAUTHENTICATED;
                detail = "Send a valid bearer token in the Authorization header";
            } else if (e instanceof ForbiddenException) {
                code = ErrorCode.FORBIDDEN;
                detail = "Your role does not allow this";
            } else if (e instanceof BadRequestException) {
                code = ErrorCode.BAD_REQUEST;
                detail = "The request could not be understood";
            } else if (original.getStatus() == 413) {
                code = ErrorCode.PAYLOAD_TOO_LARGE;
                detail = "The request body is too large";
            } else if (original.getStatus() >= 500) {
                LOG.error("server error {}", original.getStatus(), e);
                code = original.getStatus() == 503 ? ErrorCode.SERVICE_UNAVAILABLE : ErrorCode.INTERNAL_ERROR;
                detail = code.title();
            } else {
                code = ErrorCode.BAD_REQUEST;
                detail = "The request could not be processed";
            }
            Response.ResponseBuilder b = Problems.builder(code, detail, errors);
            if (code == ErrorCode.METHOD_NOT_ALLOWED) {
                b.allow(original.getAllowedMethods());
            }
            if (code == ErrorCode.UNAUTHENTICATED) {
                b.header("WWW-Authenticate", "Bearer realm=\"bazaar\"");
            }
            return b.build();
        }
    }

    public static final class UnexpectedExceptionMapper implements ExceptionMapper<Throwable> {
        @Override
        public Response toResponse(Throwable e) {
            if (e instanceof org.eclipse.jetty.io.EofException) {
                // The client went away; nobody will read this response.
                return Response.status(400).build();
            }
            LOG.error("unexpected error; trace id {}", Problems.traceId(), e);
            return Problems.response(ErrorCode.INTERNAL_ERROR,
                    "Something went wrong on our side. Quote the trace_id when reporting it.");
        }
    }
}
