package com.routingml.access;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The 38 columns of {@code dbo_BI_ITEM_INFO_VIEW} (real names, see docs/data-model.md). */
public final class ItemColumns {

    public static final List<String> ALL = List.of(
            "ITEM_CD", "ITEM_NM", "PART_TYPE", "PartNm", "ITEM_SUFFIX", "ITEM_SPEC", "ADDITIONAL_SPEC",
            "ITEM_MATERIAL", "MATERIAL_DESC", "ITEM_ACCT", "ITEM_TYPE", "ITEM_UNIT", "ITEM_GRP1", "ITEM_GRP1NM",
            "STANDARD_YN", "GROUP1", "GROUP2", "RAW_MATL_KIND", "RAW_MATL_KINDNM",
            "DRAW_NO", "DRAW_REV", "DRAW_SHEET_NO",
            "OUTDIAMETER", "INDIAMETER", "OUTTHICKNESS", "OUTDIAMETER_UNIT",
            "ROTATE_CLOCKWISE", "ROTATE_CTRCLOCKWISE",
            "SealTypeGrup", "IN_SEALTYPE_CD", "MID_SEALTYPE_CD", "OUT_SEALTYPE_CD",
            "IN_SEALSIZE", "MID_SEALSIZE", "OUT_SEALSIZE", "IN_SEALSIZE_UOM", "MID_SEALSIZE_UOM", "OUT_SEALSIZE_UOM");

    private ItemColumns() {
    }

    /** The canonical (upper-case) key of a column name given in any case, if it is an item master column. */
    public static Optional<String> canonical(String name) {
        if (name == null) {
            return Optional.empty();
        }
        return ALL.stream().filter(c -> c.equalsIgnoreCase(name.trim())).findFirst()
                .map(c -> c.toUpperCase(Locale.ROOT));
    }
}
