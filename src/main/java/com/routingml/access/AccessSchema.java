package com.routingml.access;

import io.github.spannm.jackcess.Column;
import io.github.spannm.jackcess.Database;
import io.github.spannm.jackcess.DatabaseBuilder;
import io.github.spannm.jackcess.TableDefinition;
import io.github.spannm.jackcess.TableMetaData;
import io.github.spannm.jackcess.query.Query;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Whether an Access file holds what the application reads: the two views, as tables or saved
 * queries, and in a table every column the application's SQL names. Read with Jackcess from the
 * file's catalog and table definitions only - no rows, no UCanAccess connection (which would copy
 * the whole file) - so it is cheap enough for a health check.
 *
 * <p>A saved query's columns are not known without running it; a query is reported as present and
 * its columns as unchecked. A table linked over ODBC cannot be read by UCanAccess at all.
 */
public final class AccessSchema {

    /**
     * The columns read by name: by {@link AccessRepository} (item look-ups and the first-start
     * training) and by the retraining extract. The item master's other columns are read as they are
     * ({@code SELECT *}) and may be missing.
     */
    public static final Map<String, List<String>> REQUIRED = requirements();

    private AccessSchema() {
    }

    private static Map<String, List<String>> requirements() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put(AccessRepository.ITEM_VIEW, List.of("ITEM_CD"));
        m.put(AccessRepository.ROUTING_VIEW, List.of("ITEM_CD", "ROUT_NO", "PROC_SEQ", "INSRT_DT", "JOB_CD", "JOB_NM",
                "RES_CD", "RES_DIS", "INSIDE_FLAG", "TIME_UNIT", "SETUP_TIME", "RUN_TIME", "VALID_FROM_DT",
                "VALID_TO_DT"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * What the check found.
     *
     * @param missing   what is missing, e.g. {@code "table or query dbo_BI_ROUTING_VIEW"},
     *                  {@code "column dbo_BI_ROUTING_VIEW.JOB_CD"}; empty when everything is there
     * @param unchecked views present as saved queries, whose columns are checked only when they are read
     * @param tables    the file's own tables and queries, for the message when a view is missing (at most 20)
     */
    public record Finding(List<String> missing, List<String> unchecked, List<String> tables) {

        public Finding {
            missing = List.copyOf(missing);
            unchecked = List.copyOf(unchecked);
            tables = List.copyOf(tables);
        }

        public boolean complete() {
            return missing.isEmpty();
        }
    }

    /**
     * Checks a file against {@link #REQUIRED}.
     *
     * @throws IOException when the file cannot be opened as an Access database
     */
    public static Finding check(Path file) throws IOException {
        try (Database db = new DatabaseBuilder(file).withReadOnly(true).open()) {
            Set<String> queries = new HashSet<>();
            List<String> names = new ArrayList<>(db.getTableNames());
            for (Query q : db.getQueries()) {
                queries.add(q.getName().toUpperCase(Locale.ROOT));
                names.add(q.getName());
            }
            List<String> missing = new ArrayList<>();
            List<String> unchecked = new ArrayList<>();
            for (Map.Entry<String, List<String>> view : REQUIRED.entrySet()) {
                String name = view.getKey();
                TableMetaData md = db.getTableMetaData(name);
                if (md == null) {
                    if (queries.contains(name.toUpperCase(Locale.ROOT))) {
                        unchecked.add(name);
                    } else {
                        missing.add("table or query " + name);
                    }
                    continue;
                }
                if (md.getType() == TableMetaData.Type.LINKED_ODBC) {
                    missing.add("table " + name + " (it is linked over ODBC to " + md.getLinkedTableName()
                            + ", which UCanAccess cannot read: it reads tables and queries inside Access files)");
                    continue;
                }
                Set<String> have = new HashSet<>();
                try {
                    TableDefinition def = md.open(db); // the definition page only: rows are read by iterating
                    for (Column c : def.getColumns()) {
                        have.add(c.getName().toUpperCase(Locale.ROOT));
                    }
                } catch (IOException e) {
                    missing.add("table " + name + " (linked to " + md.getLinkedDbName() + ", which cannot be read: "
                            + e.getMessage() + ")");
                    continue;
                }
                for (String column : view.getValue()) {
                    if (!have.contains(column.toUpperCase(Locale.ROOT))) {
                        missing.add("column " + name + "." + column);
                    }
                }
            }
            names.sort(String.CASE_INSENSITIVE_ORDER);
            return new Finding(missing, unchecked, names.subList(0, Math.min(20, names.size())));
        }
    }
}
