package io.coachwork.platform.web;

import java.util.List;
import org.springframework.http.HttpStatus;

/** A failure the client can act on; rendered in the API envelope with its status and never a stack trace. */
public class ApiException extends RuntimeException {

    private final HttpStatus status;
    private final List<ApiResponse.FieldError> errors;

    public ApiException(HttpStatus status, String message, List<ApiResponse.FieldError> errors) {
        super(message, null, false, false);
        this.status = status;
        this.errors = errors == null ? List.of() : List.copyOf(errors);
    }

    public static ApiException badRequest(String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, List.of());
    }

    public static ApiException invalidField(String field, String message) {
        return new ApiException(HttpStatus.BAD_REQUEST, message, List.of(new ApiResponse.FieldError(field, message)));
    }

    public static ApiException notFound(String message) {
        return new ApiException(HttpStatus.NOT_FOUND, message, List.of());
    }

    public static ApiException forbidden(String message) {
        return new ApiException(HttpStatus.FORBIDDEN, message, List.of());
    }

    public static ApiException conflict(String message) {
        return new ApiException(HttpStatus.CONFLICT, message, List.of());
    }

    public static ApiException unavailable(String message) {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, message, List.of());
    }

    public HttpStatus status() {
        return status;
    }

    public List<ApiResponse.FieldError> errors() {
        return errors;
    }
}
