package com.routingml.bench;

import com.routingml.model.ModelStore;
import com.routingml.model.RoutingModel;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * The scale run's check that a model covers the catalog: counts, with plain SQL over the Access
 * file through a UCanAccess connection of its own (not the application's loader), the items of the
 * item master with a routing row in force on a day, and compares them with the items of a stored
 * model version. Prints one JSON object; exits with 1 when the sets differ.
 *
 * <p>Run: {@code java -cp target/bench/benchmarks.jar com.routingml.bench.CatalogCount <accdb> <YYYY-MM-DD>
 * <models dir> <version>}
 */
public final class CatalogCount {

    private CatalogCount() {
    }

    public static void main(String[] args) throws Exception {
        Path accdb = Path.of(args[0]).toAbsolutePath();
        LocalDate day = LocalDate.parse(args[1]);
        RoutingModel model = new ModelStore(Path.of(args[2]).toAbsolutePath()).load(args[3]);
        Set<String> inForce = new TreeSet<>();
        long routingRows;
        long rowsInForce = 0;
        try (Connection c = DriverManager.getConnection("jdbc:ucanaccess://" + accdb + ";memory=false")) {
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM dbo_BI_ROUTING_VIEW");
                 ResultSet rs = ps.executeQuery()) {
                rs.next();
                routingRows = rs.getLong(1);
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT r.ITEM_CD FROM dbo_BI_ROUTING_VIEW r"
                    + " INNER JOIN dbo_BI_ITEM_INFO_VIEW i ON i.ITEM_CD = r.ITEM_CD WHERE r.JOB_CD IS NOT NULL"
                    + " AND (r.VALID_FROM_DT IS NULL OR r.VALID_FROM_DT < ?)"
                    + " AND (r.VALID_TO_DT IS NULL OR r.VALID_TO_DT >= ?)")) {
                ps.setTimestamp(1, Timestamp.valueOf(day.plusDays(1).atStartOfDay()));
                ps.setTimestamp(2, Timestamp.valueOf(day.atStartOfDay()));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rowsInForce++;
                        inForce.add(rs.getString(1));
                    }
                }
            }
        }
        Set<String> modelItems = new HashSet<>(model.itemCodes());
        boolean same = modelItems.equals(inForce);
        System.out.printf("{\"accessFile\": \"%s\", \"day\": \"%s\", \"routingRows\": %d, \"routingRowsInForce\": %d, "
                        + "\"itemsInForce\": %d, \"model\": \"%s\", \"modelItems\": %d, \"sameItems\": %b}%n",
                accdb, day, routingRows, rowsInForce, inForce.size(), model.version(), model.size(), same);
        if (!same) {
            System.exit(1);
        }
    }
}
