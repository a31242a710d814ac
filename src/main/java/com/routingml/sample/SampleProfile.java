package com.routingml.sample;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The shape of a generated sample: how many items, how many of them have routings, how many
 * routings an item has, and which routings are not valid on the sample's day. The shares of
 * routing validity are the same in every profile, so tests on the small sample speak for the large one.
 *
 * <p>Validity of a routed item, one exclusive draw per item: {@link #DISCONTINUED_SHARE} of them
 * have only routings whose VALID_TO_DT has passed, {@link #PENDING_SHARE} only routings whose
 * VALID_FROM_DT lies ahead, {@link #RETIRED_SHARE} keep their valid routings plus an extra,
 * expired one, and {@link #PLANNED_SHARE} plus an extra one that becomes valid in the future.
 */
public enum SampleProfile {

    /**
     * The embedded default: 20,000 items, three quarters of them routed, a quarter of those with
     * a second (alternative) routing, no work-order results. Small enough to write and train from
     * in well under a minute on first start.
     */
    DEFAULT(20_000, 0.75, 0.25, 0.0, false),

    /**
     * The plant's shape (docs/benchmarks.md): 325,000 items, about 178,000 of them with a valid
     * routing, about 1.1 million routing rows, several valid ROUT_NO for some items, and work-order
     * results for the primary routings.
     */
    PRODUCTION(325_000, 0.565, 0.05, 0.01, true);

    /** Routed items whose every routing has expired (the item is no longer made). */
    static final double DISCONTINUED_SHARE = 0.02;
    /** Routed items whose every routing becomes valid only after the sample's day (released, not yet in force). */
    static final double PENDING_SHARE = 0.01;
    /** Routed items with an extra routing that was withdrawn: its VALID_TO_DT has passed. */
    static final double RETIRED_SHARE = 0.03;
    /** Routed items with an extra routing that comes into force after the sample's day. */
    static final double PLANNED_SHARE = 0.02;

    private final int items;
    private final double routedShare;
    private final double secondRoutingShare;
    private final double thirdRoutingShare;
    private final boolean workOrders;

    SampleProfile(int items, double routedShare, double secondRoutingShare, double thirdRoutingShare,
                  boolean workOrders) {
        this.items = items;
        this.routedShare = routedShare;
        this.secondRoutingShare = secondRoutingShare;
        this.thirdRoutingShare = thirdRoutingShare;
        this.workOrders = workOrders;
    }

    /** Base items generated unless a count is given. */
    public int items() {
        return items;
    }

    /** Share of base items that get routings (valid or not). */
    public double routedShare() {
        return routedShare;
    }

    /** Share of routed items with a second valid routing (an alternative: one operation swapped). */
    public double secondRoutingShare() {
        return secondRoutingShare;
    }

    /** Share of routed items with a third valid routing, on top of the second. */
    public double thirdRoutingShare() {
        return thirdRoutingShare;
    }

    /** Whether {@code dbo_BI_WORK_ORDER_RESULTS} is written unless asked otherwise. */
    public boolean workOrders() {
        return workOrders;
    }

    /** The command-line name: {@code default}, {@code production}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values when {@code name} is none of them
     */
    public static SampleProfile parse(String name) {
        return Arrays.stream(values()).filter(p -> p.parameter().equalsIgnoreCase(name.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown profile '" + name + "'; use one of "
                        + Arrays.stream(values()).map(SampleProfile::parameter).collect(Collectors.joining(", "))));
    }
}
