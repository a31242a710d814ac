package com.routingml.access;

import io.github.spannm.jackcess.ColumnBuilder;
import io.github.spannm.jackcess.DataType;
import io.github.spannm.jackcess.Database;
import io.github.spannm.jackcess.DatabaseBuilder;
import io.github.spannm.jackcess.TableBuilder;

import java.io.IOException;
import java.nio.file.Path;

/** Real Access 2010 files for tests, written with Jackcess: small, and holding only what a test needs. */
public final class AccessFiles {

    private AccessFiles() {
    }

    /** A file with the two views as empty tables holding every column {@link AccessSchema#REQUIRED} names. */
    public static Path withViews(Path file) throws IOException {
        try (Database db = new DatabaseBuilder(file).withFileFormat(Database.FileFormat.V2010).create()) {
            for (var view : AccessSchema.REQUIRED.entrySet()) {
                TableBuilder t = new TableBuilder(view.getKey());
                view.getValue().forEach(c -> t.addColumn(new ColumnBuilder(c, DataType.TEXT)));
                t.toTable(db);
            }
        }
        return file;
    }

    /** A file with other tables only (one text column each). */
    public static Path withTables(Path file, String... tables) throws IOException {
        try (Database db = new DatabaseBuilder(file).withFileFormat(Database.FileFormat.V2010).create()) {
            for (String name : tables) {
                new TableBuilder(name).addColumn(new ColumnBuilder("ID", DataType.TEXT)).toTable(db);
            }
        }
        return file;
    }
}
