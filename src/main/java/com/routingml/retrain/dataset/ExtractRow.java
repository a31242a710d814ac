package com.routingml.retrain.dataset;

/**
 * One extracted row: its keyset position and its values in dataset column order (already in
 * their dataset types: String, Double, Integer, or Long micros for timestamps; null for NULL).
 */
public record ExtractRow(RowKey key, Object[] values) {
}
