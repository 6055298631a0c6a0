package io.coachwork.platform.web;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.support.WebExchangeBindException;
import org.springframework.web.server.MethodNotAllowedException;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.ServerWebInputException;
import org.springframework.web.server.UnsupportedMediaTypeStatusException;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;

/**
 * Maps every failure to the seed 000 envelope and status table. Runs before Spring Boot's default
 * handler so that no stack trace or HTML page ever reaches a client.
 */
public class ApiErrorHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

    private final ApiErrorWriter writer;

    public ApiErrorHandler(ApiErrorWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        Failure failure = classify(ex);
        if (failure.status().is5xxServerError()) {
            log.error("{} {} failed", exchange.getRequest().getMethod(), exchange.getRequest().getPath(), ex);
        }
        return writer.write(exchange.getResponse(), failure.status(), failure.message(), failure.errors());
    }

    static Failure classify(Throwable ex) {
        if (ex instanceof ApiException api) {
            return new Failure(api.status(), api.getMessage(), api.errors());
        }
        if (ex instanceof WebExchangeBindException bind) {
            List<ApiResponse.FieldError> errors = bind.getFieldErrors().stream()
                    .map(e -> new ApiResponse.FieldError(SnakeCase.of(e.getField()), e.getDefaultMessage()))
                    .toList();
            String message = errors.isEmpty() ? "Validation failed" : errors.get(0).message();
            return new Failure(HttpStatus.BAD_REQUEST, message, errors);
        }
        if (hasCause(ex, DataBufferLimitException.class)) {
            return new Failure(HttpStatus.BAD_REQUEST, "Request body is too large", List.of());
        }
        if (ex instanceof ServerWebInputException input) {
            String field = mismatchedField(ex);
            if (field != null) {
                return new Failure(HttpStatus.BAD_REQUEST, "Invalid value for " + field,
                        List.of(new ApiResponse.FieldError(field, "Invalid value for " + field)));
            }
            if (hasCause(ex, DecodingException.class) || input.getMethodParameter() == null) {
                return new Failure(HttpStatus.BAD_REQUEST, "Malformed JSON request body", List.of());
            }
            String name = input.getMethodParameter().getParameterName();
            return new Failure(HttpStatus.BAD_REQUEST, "Invalid value for " + name,
                    List.of(new ApiResponse.FieldError(name, "Invalid value for " + name)));
        }
        if (ex instanceof UnsupportedMediaTypeStatusException) {
            return new Failure(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type must be application/json", List.of());
        }
        if (ex instanceof MethodNotAllowedException) {
            return new Failure(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", List.of());
        }
        if (ex instanceof ResponseStatusException rse) {
            HttpStatus status = HttpStatus.resolve(rse.getStatusCode().value());
            status = status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
            String message = status == HttpStatus.NOT_FOUND ? "Resource not found"
                    : rse.getReason() != null ? rse.getReason() : status.getReasonPhrase();
            return new Failure(status, message, List.of());
        }
        if (ex instanceof AuthenticationException) {
            return new Failure(HttpStatus.UNAUTHORIZED, "Authentication required", List.of());
        }
        if (ex instanceof AccessDeniedException) {
            return new Failure(HttpStatus.FORBIDDEN, "Access denied", List.of());
        }
        if (ex instanceof OptimisticLockingFailureException || ex instanceof DuplicateKeyException) {
            return new Failure(HttpStatus.CONFLICT, "The resource was changed by another request; retry", List.of());
        }
        if (ex instanceof DataAccessResourceFailureException || hasCause(ex, ConnectException.class)
                || hasCause(ex, TimeoutException.class)) {
            return new Failure(HttpStatus.SERVICE_UNAVAILABLE, "Service temporarily unavailable", List.of());
        }
        return new Failure(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error", List.of());
    }

    /**
     * The JSON field whose value has the wrong type (an object where text is expected, a number too
     * large for its type): named so the client knows which input to fix. Null for a syntax error.
     */
    private static String mismatchedField(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof JacksonException mismatch && !mismatch.getPath().isEmpty()) {
                StringBuilder field = new StringBuilder();
                for (JacksonException.Reference ref : mismatch.getPath()) {
                    if (ref.getPropertyName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
                    } else if (ref.getIndex() >= 0) {
                        field.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return field.isEmpty() ? null : field.toString();
            }
        }
        return null;
    }

    private static boolean hasCause(Throwable ex, Class<? extends Throwable> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    record Failure(HttpStatus status, String message, List<ApiResponse.FieldError> errors) {
    }
}
