package com.routingml.sample;

import io.github.spannm.jackcess.ColumnBuilder;
import io.github.spannm.jackcess.DataType;
import io.github.spannm.jackcess.Database;
import io.github.spannm.jackcess.IndexBuilder;
import io.github.spannm.jackcess.Table;
import io.github.spannm.jackcess.TableBuilder;

import java.io.IOException;

/**
 * Table layouts of the sample Access database, using the real ERP view and column names
 * (docs/data-model.md). Each table is an enum whose constants are the columns <em>in table
 * order</em>, so {@code Column.X.ordinal()} is the index of X in a Jackcess row array; the enum
 * is the single source of truth for names, order and types.
 *
 * <p>Enum constants such as {@code PartNm} and {@code SealTypeGrup} keep the upstream spelling on
 * purpose: the application reads these exact names over JDBC.
 */
final class SampleSchema {

    static final String ITEM_TABLE = "dbo_BI_ITEM_INFO_VIEW";
    static final String ROUTING_TABLE = "dbo_BI_ROUTING_VIEW";
    static final String WORK_ORDER_TABLE = "dbo_BI_WORK_ORDER_RESULTS";

    /** Geometry and seal sizes are NUMERIC(18,4) upstream; kept identical so scale survives. */
    static final int NUMERIC_PRECISION = 18;
    static final int NUMERIC_SCALE = 4;

    private SampleSchema() {
    }

    /** Type of one column; {@code length} is in characters for TEXT and ignored otherwise. */
    record ColumnType(DataType dataType, int length) {
        static ColumnType text(int length) {
            return new ColumnType(DataType.TEXT, length);
        }

        static final ColumnType LONG = new ColumnType(DataType.LONG, 0);
        static final ColumnType DOUBLE = new ColumnType(DataType.DOUBLE, 0);
        static final ColumnType NUMERIC = new ColumnType(DataType.NUMERIC, 0);
        static final ColumnType DATETIME = new ColumnType(DataType.SHORT_DATE_TIME, 0);

        ColumnBuilder toBuilder(String name) {
            ColumnBuilder builder = new ColumnBuilder(name, dataType);
            if (dataType == DataType.TEXT) {
                builder.withLengthInUnits(length);
            } else if (dataType == DataType.NUMERIC) {
                builder.withPrecision(NUMERIC_PRECISION).withScale(NUMERIC_SCALE);
            }
            return builder;
        }
    }

    /** Common view of the column enums. */
    interface ColumnDef {
        String name();

        ColumnType type();
    }

    /** {@code dbo_BI_ITEM_INFO_VIEW}: the 38 upstream columns in upstream order, then INSRT_DT. */
    enum ItemColumn implements ColumnDef {
        ITEM_CD(ColumnType.text(40)),
        ITEM_NM(ColumnType.text(200)),
        PART_TYPE(ColumnType.text(40)),
        PartNm(ColumnType.text(100)),
        ITEM_SUFFIX(ColumnType.text(20)),
        ITEM_SPEC(ColumnType.text(200)),
        ADDITIONAL_SPEC(ColumnType.text(200)),
        ITEM_MATERIAL(ColumnType.text(40)),
        MATERIAL_DESC(ColumnType.text(100)),
        ITEM_ACCT(ColumnType.text(20)),
        ITEM_TYPE(ColumnType.text(20)),
        ITEM_UNIT(ColumnType.text(10)),
        ITEM_GRP1(ColumnType.text(20)),
        ITEM_GRP1NM(ColumnType.text(50)),
        STANDARD_YN(ColumnType.text(1)),
        GROUP1(ColumnType.text(40)),
        GROUP2(ColumnType.text(40)),
        RAW_MATL_KIND(ColumnType.text(20)),
        RAW_MATL_KINDNM(ColumnType.text(50)),
        DRAW_NO(ColumnType.text(40)),
        DRAW_REV(ColumnType.text(10)),
        DRAW_SHEET_NO(ColumnType.text(10)),
        OUTDIAMETER(ColumnType.NUMERIC),
        INDIAMETER(ColumnType.NUMERIC),
        OUTTHICKNESS(ColumnType.NUMERIC),
        OUTDIAMETER_UNIT(ColumnType.text(10)),
        ROTATE_CLOCKWISE(ColumnType.LONG),
        ROTATE_CTRCLOCKWISE(ColumnType.LONG),
        SealTypeGrup(ColumnType.text(40)),
        IN_SEALTYPE_CD(ColumnType.text(20)),
        MID_SEALTYPE_CD(ColumnType.text(20)),
        OUT_SEALTYPE_CD(ColumnType.text(20)),
        IN_SEALSIZE(ColumnType.NUMERIC),
        MID_SEALSIZE(ColumnType.NUMERIC),
        OUT_SEALSIZE(ColumnType.NUMERIC),
        IN_SEALSIZE_UOM(ColumnType.text(10)),
        MID_SEALSIZE_UOM(ColumnType.text(10)),
        OUT_SEALSIZE_UOM(ColumnType.text(10)),
        /**
         * Not one of the 38 upstream view columns: the item creation date. Added because the
         * time-based holdout split (train on older items, test on newer) needs it.
         */
        INSRT_DT(ColumnType.DATETIME);

        private final ColumnType type;

        ItemColumn(ColumnType type) {
            this.type = type;
        }

        @Override
        public ColumnType type() {
            return type;
        }
    }

    /** {@code dbo_BI_ROUTING_VIEW}: one row per operation, key (ITEM_CD, ROUT_NO, PROC_SEQ). */
    enum RoutingColumn implements ColumnDef {
        ROUT_NO(ColumnType.text(20)),
        ITEM_CD(ColumnType.text(40)),
        ITEM_NM(ColumnType.text(200)),
        PROC_SEQ(ColumnType.LONG),
        INSRT_DT(ColumnType.DATETIME),
        JOB_CD(ColumnType.text(20)),
        JOB_NM(ColumnType.text(100)),
        RES_CD(ColumnType.text(20)),
        RES_DIS(ColumnType.text(100)),
        INSIDE_FLAG(ColumnType.text(1)),
        TIME_UNIT(ColumnType.text(5)),
        SETUP_TIME(ColumnType.DOUBLE),
        RUN_TIME(ColumnType.DOUBLE),
        QUEUE_TIME(ColumnType.DOUBLE),
        WAIT_TIME(ColumnType.DOUBLE),
        MOVE_TIME(ColumnType.DOUBLE),
        MFG_LT(ColumnType.DOUBLE),
        ACT_SETUP_TIME(ColumnType.DOUBLE),
        ACT_RUN_TIME(ColumnType.DOUBLE),
        RUN_TIME_QTY(ColumnType.DOUBLE),
        RUN_TIME_UNIT(ColumnType.text(10)),
        BP_CD(ColumnType.text(20)),
        CUST_NM(ColumnType.text(100)),
        CUR_CD(ColumnType.text(5)),
        SUBCONTRACT_PRC(ColumnType.DOUBLE),
        MILESTONE_FLG(ColumnType.text(1)),
        INSP_FLG(ColumnType.text(1)),
        ROUT_ORDER(ColumnType.LONG),
        VALID_FROM_DT(ColumnType.DATETIME),
        VALID_TO_DT(ColumnType.DATETIME),
        REMARK(ColumnType.text(255)),
        ROUT_DOC(ColumnType.text(100)),
        NC_PROGRAM(ColumnType.text(40)),
        RAW_MATL_SIZE(ColumnType.text(40)),
        JAW_SIZE(ColumnType.text(40)),
        OP_DRAW_NO(ColumnType.text(40));

        private final ColumnType type;

        RoutingColumn(ColumnType type) {
            this.type = type;
        }

        @Override
        public ColumnType type() {
            return type;
        }
    }

    /** {@code dbo_BI_WORK_ORDER_RESULTS}: actual times reported per operation of a work order. */
    enum WorkOrderColumn implements ColumnDef {
        ITEM_CD(ColumnType.text(40)),
        PROC_SEQ(ColumnType.LONG),
        RES_CD(ColumnType.text(20)),
        JOB_CD(ColumnType.text(20)),
        REPORT_DT(ColumnType.DATETIME),
        MACH_WORKED_HOURS(ColumnType.DOUBLE),
        SETUP_HOURS(ColumnType.DOUBLE),
        ORDER_QTY(ColumnType.LONG),
        BAD_QTY(ColumnType.LONG),
        ROUT_NO(ColumnType.text(20));

        private final ColumnType type;

        WorkOrderColumn(ColumnType type) {
            this.type = type;
        }

        @Override
        public ColumnType type() {
            return type;
        }
    }

    static Table createItemTable(Database db) throws IOException {
        return table(ITEM_TABLE, ItemColumn.values())
                .withPrimaryKey(ItemColumn.ITEM_CD.name())
                .toTable(db);
    }

    static Table createRoutingTable(Database db) throws IOException {
        return table(ROUTING_TABLE, RoutingColumn.values())
                .addIndex(new IndexBuilder("IX_ROUTING_ITEM_CD").withColumns(RoutingColumn.ITEM_CD.name()))
                .addIndex(new IndexBuilder("IX_ROUTING_INSRT_DT").withColumns(RoutingColumn.INSRT_DT.name()))
                .toTable(db);
    }

    static Table createWorkOrderTable(Database db) throws IOException {
        return table(WORK_ORDER_TABLE, WorkOrderColumn.values())
                .addIndex(new IndexBuilder("IX_WORK_ORDER_ITEM_CD").withColumns(WorkOrderColumn.ITEM_CD.name()))
                .toTable(db);
    }

    private static TableBuilder table(String name, ColumnDef[] columns) {
        TableBuilder builder = new TableBuilder(name);
        for (ColumnDef column : columns) {
            builder.addColumn(column.type().toBuilder(column.name()));
        }
        return builder;
    }
}
