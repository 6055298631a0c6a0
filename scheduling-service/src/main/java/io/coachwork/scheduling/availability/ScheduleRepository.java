package io.coachwork.scheduling.availability;

import io.coachwork.scheduling.availability.domain.Availability;
import io.coachwork.scheduling.availability.domain.DateOverride;
import io.coachwork.scheduling.availability.domain.Holiday;
import io.coachwork.scheduling.availability.domain.LocalTimeRange;
import io.coachwork.scheduling.availability.domain.WeeklyBlock;
import io.coachwork.scheduling.availability.domain.WeeklySchedule;
import io.coachwork.scheduling.profile.ProfileRepository;
import io.r2dbc.spi.Readable;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.r2dbc.core.Parameter;
import org.springframework.stereotype.Repository;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Weekly schedules with their blocks, date overrides and holidays; each read collects its rows before the next. */
@Repository
public class ScheduleRepository {

    private final DatabaseClient db;

    public ScheduleRepository(DatabaseClient db) {
        this.db = db;
    }

    /** A schedule row with its blocks and overrides. */
    public record StoredSchedule(long id, long tutorId, String name, boolean isDefault, List<WeeklyBlock> blocks,
                                 List<DateOverride> overrides) {
    }

    public record StoredHoliday(long id, long tutorId, Holiday holiday, String note) {
    }

    private record Row(long id, long tutorId, String name, boolean isDefault) {
    }

    public Mono<List<StoredSchedule>> ofTutor(long tutorId) {
        return rows("SELECT * FROM availability_schedule WHERE tutor_id = :tutor ORDER BY id", tutorId).flatMap(this::complete);
    }

    /** A tutor's default schedule with its overrides and their holidays from yesterday on; empty without one. */
    public Mono<Optional<Availability>> defaultAvailability(long tutorId, ZoneId zone, Instant now) {
        return defaultOf(tutorId)
                .flatMap(s -> holidays(tutorId, LocalDate.ofInstant(now, zone).minusDays(1))
                        .map(hs -> Optional.of(availability(s, hs.stream().map(StoredHoliday::holiday).toList(), zone))))
                .defaultIfEmpty(Optional.empty());
    }

    public static Availability availability(StoredSchedule s, List<Holiday> holidays, ZoneId zone) {
        return new Availability(new WeeklySchedule(s.name(), zone, s.blocks()), s.overrides(), holidays);
    }

    public Mono<StoredSchedule> defaultOf(long tutorId) {
        return rows("SELECT * FROM availability_schedule WHERE tutor_id = :tutor AND is_default", tutorId)
                .flatMap(this::complete).flatMap(list -> Mono.justOrEmpty(list.stream().findFirst()));
    }

    /** Default schedules of several tutors at once (the directory's soonest-free computation). */
    public Mono<Map<Long, StoredSchedule>> defaultsOf(Collection<Long> tutorIds) {
        return db.sql("SELECT * FROM availability_schedule WHERE tutor_id = ANY(:ids) AND is_default")
                .bind("ids", tutorIds.toArray(Long[]::new)).map((row, meta) -> toRow(row)).all().collectList()
                .flatMap(this::complete)
                .map(list -> list.stream().collect(Collectors.toMap(StoredSchedule::tutorId, s -> s)));
    }

    public Mono<StoredSchedule> find(long id) {
        return db.sql("SELECT * FROM availability_schedule WHERE id = :id").bind("id", id)
                .map((row, meta) -> toRow(row)).all().collectList()
                .flatMap(this::complete).flatMap(list -> Mono.justOrEmpty(list.stream().findFirst()));
    }

    private Mono<List<Row>> rows(String sql, long tutorId) {
        return db.sql(sql).bind("tutor", tutorId).map((row, meta) -> toRow(row)).all().collectList();
    }

    private Mono<List<StoredSchedule>> complete(List<Row> rows) {
        if (rows.isEmpty()) {
            return Mono.just(List.of());
        }
        Long[] ids = rows.stream().map(Row::id).toArray(Long[]::new);
        Mono<Map<Long, List<WeeklyBlock>>> blocks = db.sql(
                        "SELECT * FROM schedule_block WHERE schedule_id = ANY(:ids) ORDER BY weekday, start_time")
                .bind("ids", ids)
                .map((row, meta) -> Map.entry(row.get("schedule_id", Long.class), new WeeklyBlock(
                        DayOfWeek.of(row.get("weekday", Short.class)),
                        new LocalTimeRange(row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class)))))
                .all().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
        Mono<List<OverrideRow>> overrideRows = db.sql("""
                        SELECT o.schedule_id, o.override_date, b.start_time, b.end_time FROM date_override o
                        LEFT JOIN override_block b ON b.schedule_id = o.schedule_id AND b.override_date = o.override_date
                        WHERE o.schedule_id = ANY(:ids) ORDER BY o.override_date, b.start_time""")
                .bind("ids", ids)
                .map((row, meta) -> new OverrideRow(row.get("schedule_id", Long.class), row.get("override_date", LocalDate.class),
                        row.get("start_time", LocalTime.class), row.get("end_time", LocalTime.class)))
                .all().collectList();
        // In turn, not zipped: inside a schedule change's transaction both would share one connection, which answers
        // one query at a time (a zip there can stall it for good; docs/performance.md, sixth pass).
        return blocks.flatMap(b -> overrideRows.map(o -> rows.stream()
                .map(r -> new StoredSchedule(r.id(), r.tutorId(), r.name(), r.isDefault(),
                        b.getOrDefault(r.id(), List.of()), overrides(o, r.id())))
                .toList()));
    }

    private record OverrideRow(long scheduleId, LocalDate date, LocalTime start, LocalTime end) {
    }

    private static List<DateOverride> overrides(List<OverrideRow> rows, long scheduleId) {
        Map<LocalDate, List<OverrideRow>> byDate = rows.stream().filter(r -> r.scheduleId() == scheduleId)
                .collect(Collectors.groupingBy(OverrideRow::date, TreeMap::new, Collectors.toList()));
        List<DateOverride> out = new ArrayList<>();
        byDate.forEach((date, list) -> out.add(new DateOverride(date, list.stream().filter(r -> r.start() != null)
                .map(r -> new LocalTimeRange(r.start(), r.end())).toList())));
        return out;
    }

    public Mono<Long> insert(long tutorId, String name, boolean isDefault, Instant now) {
        return db.sql("""
                        INSERT INTO availability_schedule (tutor_id, name, is_default, created_at, updated_at)
                        VALUES (:tutor, :name, :default, :now, :now) RETURNING id""")
                .bind("tutor", tutorId).bind("name", name).bind("default", isDefault).bind("now", ProfileRepository.utc(now))
                .map((row, meta) -> row.get("id", Long.class)).one();
    }

    public Mono<Boolean> nameTaken(long tutorId, String name, long exceptId) {
        return db.sql("SELECT count(*) AS n FROM availability_schedule WHERE tutor_id = :tutor AND lower(name) = lower(:name) AND id <> :id")
                .bind("tutor", tutorId).bind("name", name).bind("id", exceptId)
                .map((row, meta) -> row.get("n", Long.class) > 0).one();
    }

    public Mono<Void> replaceBlocks(long scheduleId, List<WeeklyBlock> blocks, Instant now) {
        return db.sql("DELETE FROM schedule_block WHERE schedule_id = :id").bind("id", scheduleId).fetch().rowsUpdated()
                .thenMany(Flux.fromIterable(blocks).concatMap(b -> db.sql(
                                "INSERT INTO schedule_block (schedule_id, weekday, start_time, end_time) VALUES (:id, :day, :start, :end)")
                        .bind("id", scheduleId).bind("day", (short) b.day().getValue())
                        .bind("start", b.time().start()).bind("end", b.time().end())
                        .fetch().rowsUpdated()))
                .then(touch(scheduleId, now));
    }

    public Mono<Void> rename(long scheduleId, String name, Instant now) {
        return db.sql("UPDATE availability_schedule SET name = :name, updated_at = :now WHERE id = :id")
                .bind("id", scheduleId).bind("name", name).bind("now", ProfileRepository.utc(now)).fetch().rowsUpdated().then();
    }

    public Mono<Void> makeDefault(long tutorId, long scheduleId, Instant now) {
        return db.sql("UPDATE availability_schedule SET is_default = FALSE WHERE tutor_id = :tutor AND is_default AND id <> :id")
                .bind("tutor", tutorId).bind("id", scheduleId).fetch().rowsUpdated()
                .then(db.sql("UPDATE availability_schedule SET is_default = TRUE, updated_at = :now WHERE id = :id")
                        .bind("id", scheduleId).bind("now", ProfileRepository.utc(now)).fetch().rowsUpdated())
                .then();
    }

    public Mono<Void> delete(long scheduleId) {
        return db.sql("DELETE FROM availability_schedule WHERE id = :id").bind("id", scheduleId).fetch().rowsUpdated().then();
    }

    public Mono<Void> setOverride(long scheduleId, DateOverride override, Instant now) {
        return removeOverride(scheduleId, override.date(), now)
                .then(db.sql("INSERT INTO date_override (schedule_id, override_date) VALUES (:id, :date)")
                        .bind("id", scheduleId).bind("date", override.date()).fetch().rowsUpdated())
                .thenMany(Flux.fromIterable(override.blocks()).concatMap(b -> db.sql("""
                                INSERT INTO override_block (schedule_id, override_date, start_time, end_time)
                                VALUES (:id, :date, :start, :end)""")
                        .bind("id", scheduleId).bind("date", override.date()).bind("start", b.start()).bind("end", b.end())
                        .fetch().rowsUpdated()))
                .then();
    }

    public Mono<Long> removeOverride(long scheduleId, LocalDate date, Instant now) {
        return db.sql("DELETE FROM date_override WHERE schedule_id = :id AND override_date = :date")
                .bind("id", scheduleId).bind("date", date).fetch().rowsUpdated()
                .flatMap(n -> touch(scheduleId, now).thenReturn(n));
    }

    private Mono<Void> touch(long scheduleId, Instant now) {
        return db.sql("UPDATE availability_schedule SET updated_at = :now WHERE id = :id")
                .bind("id", scheduleId).bind("now", ProfileRepository.utc(now)).fetch().rowsUpdated().then();
    }

    public Mono<StoredHoliday> insertHoliday(long tutorId, Holiday holiday, String note, Instant now) {
        return db.sql("INSERT INTO holiday (tutor_id, start_date, end_date, note, created_at) VALUES (:tutor, :from, :to, :note, :now) RETURNING id")
                .bind("tutor", tutorId).bind("from", holiday.from()).bind("to", holiday.to())
                .bind("note", Parameter.fromOrEmpty(note, String.class)).bind("now", ProfileRepository.utc(now))
                .map((row, meta) -> new StoredHoliday(row.get("id", Long.class), tutorId, holiday, note)).one();
    }

    /** Holidays that end on or after {@code from} (older ones no longer matter). */
    public Mono<List<StoredHoliday>> holidays(long tutorId, LocalDate from) {
        return db.sql("SELECT * FROM holiday WHERE tutor_id = :tutor AND end_date >= :from ORDER BY start_date, id")
                .bind("tutor", tutorId).bind("from", from)
                .map((row, meta) -> new StoredHoliday(row.get("id", Long.class), tutorId,
                        new Holiday(row.get("start_date", LocalDate.class), row.get("end_date", LocalDate.class)),
                        row.get("note", String.class)))
                .all().collectList();
    }

    public Mono<Map<Long, List<Holiday>>> holidaysOf(Collection<Long> tutorIds, LocalDate from) {
        return db.sql("SELECT * FROM holiday WHERE tutor_id = ANY(:ids) AND end_date >= :from")
                .bind("ids", tutorIds.toArray(Long[]::new)).bind("from", from)
                .map((row, meta) -> Map.entry(row.get("tutor_id", Long.class),
                        new Holiday(row.get("start_date", LocalDate.class), row.get("end_date", LocalDate.class))))
                .all().collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList())));
    }

    public Mono<Long> deleteHoliday(long tutorId, long id) {
        return db.sql("DELETE FROM holiday WHERE id = :id AND tutor_id = :tutor").bind("id", id).bind("tutor", tutorId)
                .fetch().rowsUpdated();
    }

    private static Row toRow(Readable row) {
        return new Row(row.get("id", Long.class), row.get("tutor_id", Long.class), row.get("name", String.class),
                row.get("is_default", Boolean.class));
    }
}
