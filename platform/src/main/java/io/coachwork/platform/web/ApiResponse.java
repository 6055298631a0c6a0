package io.coachwork.platform.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;

/** The seed 000 envelope: {@code {"success", "message"?, "data"?, "errors"?}}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"success", "message", "data", "errors"})
public record ApiResponse<T>(boolean success, String message, T data, List<FieldError> errors) {

    public static <T> ApiResponse<T> ok(T data) {
        return new ApiResponse<>(true, null, data, null);
    }

    public static <T> ApiResponse<T> ok(String message, T data) {
        return new ApiResponse<>(true, message, data, null);
    }

    public static ApiResponse<Void> failure(String message, List<FieldError> errors) {
        return new ApiResponse<>(false, message, null, errors == null || errors.isEmpty() ? null : errors);
    }

    public record FieldError(String field, String message) {
    }
}
