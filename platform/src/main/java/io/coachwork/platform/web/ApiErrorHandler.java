package io.coachwork.platform.web;

import io.coachwork.platform.observability.TraceScope;
import java.net.ConnectException;
import io.r2dbc.spi.R2dbcException;
import java.util.List;
import java.util.Set;
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

    /** Serialization failure, deadlock, lock not available: another request won; the client may retry. */
    private static final Set<String> LOCK_CONFLICTS = Set.of("40001", "40P01", "55P03");
    /** Statement timeout (query_canceled) and idle-in-transaction timeout: the platform's limits hit. */
    private static final Set<String> TIMED_OUT = Set.of("57014", "25P03");

    private final ApiErrorWriter writer;

    public ApiErrorHandler(ApiErrorWriter writer) {
        this.writer = writer;
    }

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable ex) {
        Failure failure = classify(ex);
        Mono<Void> logged = failure.status().is5xxServerError()
                ? TraceScope.run(() -> log.error("{} {} failed", exchange.getRequest().getMethod(),
                exchange.getRequest().getPath(), ex))
                : Mono.empty();
        return logged.then(writer.write(exchange.getResponse(), failure.status(), failure.message(), failure.errors()));
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
            return new Failure(HttpStatus.CONTENT_TOO_LARGE, "Request body is too large", List.of());
        }
        if (ex instanceof ServerWebInputException input) {
            Failure field = fieldFailure(ex);
            if (field != null) {
                return field;
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
        String sqlState = sqlState(ex);
        if (sqlState != null && LOCK_CONFLICTS.contains(sqlState)) {
            return new Failure(HttpStatus.CONFLICT, "The resource is busy with another request; retry", List.of());
        }
        if (sqlState != null && TIMED_OUT.contains(sqlState)) {
            return new Failure(HttpStatus.SERVICE_UNAVAILABLE, "The request took too long; retry shortly", List.of());
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
     * A JSON value Jackson could not bind (a float for an integer, text for a number, control
     * characters): 400 naming the field by its JSON path, such as {@code student_ids[0]}.
     */
    private static Failure fieldFailure(Throwable ex) {
        JacksonException jackson = cause(ex, JacksonException.class);
        if (jackson == null || jackson.getPath().isEmpty()) {
            return null;
        }
        StringBuilder field = new StringBuilder();
        for (JacksonException.Reference ref : jackson.getPath()) {
            if (ref.getPropertyName() != null) {
                field.append(field.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        if (field.isEmpty()) {
            return null;
        }
        String message = jackson instanceof CleanStringDeserializer.ControlCharactersException
                ? field + " must not contain control characters" : "Invalid value for " + field;
        return new Failure(HttpStatus.BAD_REQUEST, message, List.of(new ApiResponse.FieldError(field.toString(), message)));
    }

    /** The SQLSTATE of the database error behind a failure, if one is. */
    private static String sqlState(Throwable ex) {
        R2dbcException r2dbc = cause(ex, R2dbcException.class);
        return r2dbc == null ? null : r2dbc.getSqlState();
    }

    private static <T extends Throwable> T cause(Throwable ex, Class<T> type) {
        for (Throwable t = ex; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
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
