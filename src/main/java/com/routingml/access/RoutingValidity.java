package com.routingml.access;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Objects;

/**
 * Which routing rows are in force on a day: {@code VALID_FROM_DT ≤ day ≤ VALID_TO_DT}, compared as
 * calendar days (a time of day in either column is ignored), a NULL bound open. Validity is judged
 * per row of {@code dbo_BI_ROUTING_VIEW}, i.e. per operation: a routing on a day is its operations
 * in force that day, and an item whose every routing row is out of force has no routing that day.
 * Several routings (ROUT_NO) of one item in force on the same day are all its routings: alternatives
 * the plant may use, each one recommended, trained on and evaluated in its own right.
 *
 * <p>"Today" is the server's date in its default time zone ({@link #today()}); set the JVM's zone
 * ({@code -Duser.timezone} or {@code TZ}) to the plant's.
 *
 * @param day the day validity is judged on
 */
public record RoutingValidity(LocalDate day) {

    /**
     * The SQL condition over the routing view aliased {@code r}, with two parameters bound by
     * {@link #bind}: the start of the next day, and the start of the day.
     */
    public static final String CONDITION =
            "(r.VALID_FROM_DT IS NULL OR r.VALID_FROM_DT < ?) AND (r.VALID_TO_DT IS NULL OR r.VALID_TO_DT >= ?)";

    public RoutingValidity {
        Objects.requireNonNull(day, "day");
    }

    /** Validity on {@code day}. */
    public static RoutingValidity on(LocalDate day) {
        return new RoutingValidity(day);
    }

    /** Validity on the server's current date. */
    public static RoutingValidity today() {
        return today(Clock.systemDefaultZone());
    }

    /** Validity on {@code clock}'s current date in its zone. */
    public static RoutingValidity today(Clock clock) {
        return new RoutingValidity(LocalDate.now(clock));
    }

    /**
     * Binds the two parameters of {@link #CONDITION}, starting at {@code first}.
     *
     * @return the index of the next parameter
     */
    public int bind(PreparedStatement ps, int first) throws SQLException {
        ps.setTimestamp(first, Timestamp.valueOf(day.plusDays(1).atStartOfDay()));
        ps.setTimestamp(first + 1, Timestamp.valueOf(day.atStartOfDay()));
        return first + 2;
    }

    /** Whether a row with these bounds (null: open) is in force on the day; agrees with {@link #CONDITION}. */
    public boolean includes(LocalDateTime validFrom, LocalDateTime validTo) {
        return (validFrom == null || !validFrom.toLocalDate().isAfter(day))
                && (validTo == null || !validTo.toLocalDate().isBefore(day));
    }

    /** The last day a row with this VALID_TO_DT is in force (null: open). */
    public static LocalDate lastDay(LocalDateTime validTo) {
        return validTo == null ? null : validTo.toLocalDate();
    }
}
