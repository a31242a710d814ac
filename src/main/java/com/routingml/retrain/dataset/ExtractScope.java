package com.routingml.retrain.dataset;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What the monthly extract reads from the routing view: always only rows in force on the run's day
 * ({@link com.routingml.access.RoutingValidity}), and of those either all or the newest.
 */
public enum ExtractScope {

    /**
     * Every routing row in force, in key order (ITEM_CD, ROUT_NO, PROC_SEQ): the trained model covers
     * every item with a routing. The default.
     */
    CATALOG,

    /**
     * The newest {@code maxRows} rows by INSRT_DT (rows without one are left out): the v4 system's "most
     * recent 100,000 records" (docs/data-model.md). A model trained on it knows only the items of those rows.
     */
    NEWEST;

    /** The configuration and job parameter value: {@code catalog}, {@code newest}. */
    public String parameter() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @throws IllegalArgumentException naming the accepted values when {@code value} is none of them
     */
    public static ExtractScope parse(String value) {
        return Arrays.stream(values()).filter(s -> s.parameter().equalsIgnoreCase(value.trim())).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not one of "
                        + Arrays.stream(values()).map(ExtractScope::parameter).collect(Collectors.joining(", "))));
    }
}
