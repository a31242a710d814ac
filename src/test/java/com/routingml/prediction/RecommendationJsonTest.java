package com.routingml.prediction;

import com.routingml.access.Operation;
import com.routingml.model.Recommendation;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RecommendationJsonTest {

    private static final Jsonb JSONB = JsonbBuilder.create();

    @Test
    void writesExactlyWhatJsonBWritesForTheSameRecords() throws Exception {
        Recommendation byCode = new Recommendation("v20261125T194210Z", "B000087", 0.8731, List.of(
                candidate(1, "F61-1", "자재불출", "MAT-WC1"),
                new Recommendation.Candidate(2, 1.0, 1e-7, 1, List.of("외주5"),
                        List.of(new Recommendation.Reference("S1", null, 1.0)),
                        List.of(new Operation(10, "외주5", null, null, null, false, null, 0, 1234567.891)),
                        List.of(new Recommendation.Contribution("OUTDIAMETER", "12.30 mm", null, 0.5, 0, 0, false)))));
        Recommendation byAttributes = new Recommendation("v1", null, 0, List.of());
        Recommendation hostile = new Recommendation("v\"1\\", "A\u0001\t\"</script>", 0.25,
                List.of(candidate(1, "J\"1", "줄\n바꿈", "R\\1")));
        for (Recommendation r : List.of(byCode, byAttributes, hostile)) {
            assertEquals(JSONB.toJson(r), new String(RecommendationJson.toJson(r), StandardCharsets.UTF_8));
        }
    }

    private static Recommendation.Candidate candidate(int rank, String job, String name, String resource) {
        return new Recommendation.Candidate(rank, 0.8646177391698967, 0.5593178166752144, 28, List.of(job, "Q30-1"),
                List.of(new Recommendation.Reference("S123710-R1", "B#1K00C", 0.8646176541522733),
                        new Recommendation.Reference("S128775", "B#1K00C", 0.8525479373440357)),
                List.of(new Operation(10, job, name, resource, "자재창고", true, "M", 7.0, 3.4),
                        new Operation(20, "Q30-1", "최종 검사", "INS-WC2", "품질검사실 2", true, "M", 3.0, 12.0)),
                List.of(new Recommendation.Contribution("ITEM_TYPE", "SV", "SV", 0.0957854409630196, 1.0,
                                0.0957854409630196, true),
                        new Recommendation.Contribution("INDIAMETER", "10.90 mm", "11.80 mm", 0.0689655156664118,
                                0.9126339286782803, 0.06294026950596089, true)));
    }
}
