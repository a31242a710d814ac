package com.routingml.api;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CsrfPolicyTest {

    @Test
    void onlyPostIsCheckedBecauseEveryOtherWriteNeedsACorsPreflightThisServerNeverGrants() {
        assertTrue(CsrfPolicy.refusal("GET", null).isEmpty());
        assertTrue(CsrfPolicy.refusal("head", "text/plain").isEmpty());
        assertTrue(CsrfPolicy.refusal("OPTIONS", null).isEmpty());
        assertTrue(CsrfPolicy.refusal("DELETE", null).isEmpty());
        assertTrue(CsrfPolicy.refusal("PUT", "text/plain").isEmpty());
    }

    @Test
    void aWriteWithAJsonBodyTypeProceeds() {
        assertTrue(CsrfPolicy.refusal("POST", "application/json").isEmpty());
        assertTrue(CsrfPolicy.refusal("POST", "Application/JSON; charset=UTF-8").isEmpty());
        assertTrue(CsrfPolicy.refusal("post", "application/merge-patch+json").isEmpty());
    }

    @Test
    void aWriteAFormOrASimpleCrossSiteRequestCanSendIsRefusedAndTheDetailSaysWhatToSend() {
        for (String type : new String[] {"application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                "text/plain",
                "text/plain; a=application/json", "", null}) {
            String detail = CsrfPolicy.refusal("POST", type).orElseThrow(() -> new AssertionError("accepted " + type));
            assertTrue(detail.contains("Content-Type: application/json"), detail);
        }
        assertFalse(CsrfPolicy.refusal("post", "text/json").isEmpty());
    }
}
