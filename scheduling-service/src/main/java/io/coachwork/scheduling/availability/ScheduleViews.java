package io.coachwork.scheduling.availability;

import io.coachwork.scheduling.availability.domain.LocalTimeRange;
import java.util.List;

/** Weekly schedules as tutors see them: blocks per weekday in their zone, overrides by date. */
public final class ScheduleViews {

    private ScheduleViews() {
    }

    public record BlockView(String day, String startTime, String endTime) {
    }

    public record RangeView(String startTime, String endTime) {

        static RangeView of(LocalTimeRange r) {
            String[] parts = r.toString().split("-");
            return new RangeView(parts[0], parts[1]);
        }
    }

    /** {@code blocks} empty means the date is closed. */
    public record OverrideView(String date, List<RangeView> blocks) {
    }

    public record ScheduleView(long id, String name, boolean isDefault, String timezone, List<BlockView> blocks,
                               List<OverrideView> overrides) {

        static ScheduleView of(ScheduleRepository.StoredSchedule s, String zone) {
            return new ScheduleView(s.id(), s.name(), s.isDefault(), zone,
                    s.blocks().stream().map(b -> {
                        RangeView r = RangeView.of(b.time());
                        return new BlockView(b.day().name(), r.startTime(), r.endTime());
                    }).toList(),
                    s.overrides().stream().map(o -> new OverrideView(o.date().toString(),
                            o.blocks().stream().map(RangeView::of).toList())).toList());
        }
    }

    public record HolidayView(long id, String from, String to, String note) {

        static HolidayView of(ScheduleRepository.StoredHoliday h) {
            return new HolidayView(h.id(), h.holiday().from().toString(), h.holiday().to().toString(), h.note());
        }
    }
}
