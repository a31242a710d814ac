package com.routingml.model;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatureFormTest {

    @Test
    void theFormListsEveryFeatureWithItsKnownValuesOrItsUnitAndTypicalSize() {
        RoutingModel m = Trainer.train(Fixtures.families(600, 6, 0.1, 3), TrainingConfig.defaults(), "v1",
                Clock.fixed(Instant.parse("2026-11-01T02:00:00Z"), ZoneOffset.UTC));
        FeatureForm f = FeatureForm.of(m.version(), m.index().encoder());
        assertEquals(FeatureSchema.defaults().columns(), f.fields().stream().map(FeatureForm.Field::column).toList());
        FeatureForm.Field part = f.fields().get(1);
        assertEquals("PART_TYPE", part.column());
        assertEquals(FeatureSpec.Kind.CATEGORICAL, part.kind());
        assertEquals(6, part.values().size(), "one PART_TYPE per family: " + part.values());
        assertNull(part.typicalMm());
        FeatureForm.Field od = f.fields().stream().filter(x -> x.column().equals("OUTDIAMETER"))
                .findFirst().orElseThrow();
        assertEquals("OUTDIAMETER_UNIT", od.unitColumn());
        assertTrue(od.typicalMm() > 20 && od.typicalMm() < 120, "median OD of the fixture: " + od.typicalMm());
        assertTrue(od.values().isEmpty());
        assertEquals("MM", f.units().get(0));
    }
}
