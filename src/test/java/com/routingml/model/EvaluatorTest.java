package com.routingml.model;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class EvaluatorTest {

    @Test
    void levenshteinOnKnownSequences() {
        assertEquals(0, Evaluator.levenshtein(List.of("A", "B"), List.of("A", "B")));
        assertEquals(1, Evaluator.levenshtein(List.of("A", "B", "C"), List.of("A", "C")));
        assertEquals(1, Evaluator.levenshtein(List.of("A", "B", "C"), List.of("A", "X", "C")));
        assertEquals(3, Evaluator.levenshtein(List.of(), List.of("A", "B", "C")));
        assertEquals(3, Evaluator.levenshtein(List.of("K", "I", "T", "T", "E", "N"),
                List.of("S", "I", "T", "T", "I", "N", "G")));
    }

    @Test
    void editSimilarityIsNormalisedByTheLongerSequence() {
        assertEquals(1.0, Evaluator.editSimilarity(List.of(), List.of()));
        assertEquals(2.0 / 3, Evaluator.editSimilarity(List.of("A", "B", "C"), List.of("A", "C")), 1e-12);
        assertEquals(0.0, Evaluator.editSimilarity(List.of("A"), List.of("B")), 1e-12);
    }
}
