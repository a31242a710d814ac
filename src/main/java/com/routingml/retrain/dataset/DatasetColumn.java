package com.routingml.retrain.dataset;

/**
 * One column of the training dataset.
 *
 * @param name   the Parquet field name
 * @param type   its value type (every column is nullable)
 * @param source where the value comes from: {@code view.column}
 */
public record DatasetColumn(String name, Type type, String source) {

    /** Value types of the dataset; item attributes are DOUBLE or STRING, as the model reads them. */
    public enum Type { STRING, DOUBLE, INT, TIMESTAMP }

    /** Prefix of item master attribute columns (routing columns keep their own names). */
    public static final String ITEM_PREFIX = "I_";

    public DatasetColumn {
        if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("dataset column name must match [A-Za-z_][A-Za-z0-9_]*, was '"
                    + name + "'");
        }
    }

    /** Field name for an item master column (characters Parquet/Avro do not allow become '_'). */
    public static String itemField(String itemColumn) {
        return ITEM_PREFIX + itemColumn.replaceAll("[^A-Za-z0-9_]", "_");
    }
}
