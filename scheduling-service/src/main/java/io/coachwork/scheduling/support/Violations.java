package io.coachwork.scheduling.support;

import io.coachwork.platform.web.ApiException;
import io.coachwork.platform.web.ApiResponse;
import io.coachwork.scheduling.availability.domain.AvailabilityRuleViolation;
import java.util.List;
import org.springframework.http.HttpStatus;

/** Domain refusals as API errors: bad input is a 400 naming its field, a state conflict a 409. */
public final class Violations {

    private Violations() {
    }

    public static Throwable toApi(Throwable e) {
        return toApi(e, "");
    }

    /** {@code prefix} tells which item of a batch is at fault ("Slot 3: "). */
    public static Throwable toApi(Throwable e, String prefix) {
        if (e instanceof AvailabilityRuleViolation v) {
            HttpStatus status = v.kind() == AvailabilityRuleViolation.Kind.CONFLICT ? HttpStatus.CONFLICT : HttpStatus.BAD_REQUEST;
            String message = prefix + v.getMessage();
            return new ApiException(status, message, List.of(new ApiResponse.FieldError(v.field(), message)));
        }
        if (e instanceof InvalidInput i) {
            return ApiException.invalidField(i.field(), prefix + i.getMessage());
        }
        return e;
    }
}
