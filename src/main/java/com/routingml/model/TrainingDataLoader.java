package com.routingml.model;

import com.routingml.access.AccessRepository;
import com.routingml.access.Item;
import com.routingml.access.Routing;
import com.routingml.access.RoutingValidity;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Reads {@link TrainingData} from an Access file through UCanAccess. */
public final class TrainingDataLoader {

    private TrainingDataLoader() {
    }

    /**
     * The item master and the routings in force on {@code validity}'s day.
     *
     * @throws SQLException naming the file when it cannot be opened or read
     */
    public static TrainingData fromAccess(Path accdb, RoutingValidity validity) throws SQLException, IOException {
        String sha = ModelStore.sha256(accdb);
        try (Connection c = AccessRepository.open(accdb)) {
            List<Item> items = AccessRepository.loadItems(c);
            Map<String, List<Routing>> routings = AccessRepository.loadRoutings(c, validity);
            int rows = routings.values().stream().flatMap(List::stream).mapToInt(r -> r.operations().size()).sum();
            return new TrainingData(items, itemColumns(c), routings, rows, accdb.toAbsolutePath().toString(), sha,
                    validity.day());
        }
    }

    private static List<String> itemColumns(Connection c) throws SQLException {
        List<String> cols = new ArrayList<>();
        try (Statement st = c.createStatement();
             var rs = st.executeQuery("SELECT * FROM " + AccessRepository.ITEM_VIEW + " WHERE 1 = 0")) {
            ResultSetMetaData md = rs.getMetaData();
            for (int i = 1; i <= md.getColumnCount(); i++) {
                cols.add(md.getColumnLabel(i).toUpperCase(Locale.ROOT));
            }
        }
        return cols;
    }
}
