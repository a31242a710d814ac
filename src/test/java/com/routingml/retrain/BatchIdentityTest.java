package com.routingml.retrain;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service identity the code asserts is the one server.xml grants batch roles to, and only those. */
class BatchIdentityTest {

    private static final Path SERVER_XML = Path.of("liberty-config/server.xml");

    @Test
    void hashtableNamesTheUserInTheServiceRealmWithoutAPassword() {
        Hashtable<String, Object> h = BatchIdentity.credentials("routingml-scheduler");
        assertEquals("routingml-scheduler", h.get(BatchIdentity.UNIQUE_ID));
        assertEquals("routingml-scheduler", h.get(BatchIdentity.SECURITY_NAME));
        assertEquals(BatchIdentity.REALM, h.get(BatchIdentity.REALM_KEY));
        assertEquals(3, h.size(), "no password, no groups: " + h);
        assertEquals("user:routingml-service/routingml-scheduler", BatchIdentity.accessId("routingml-scheduler"));
        assertThrows(IllegalArgumentException.class, () -> BatchIdentity.credentials(" "));
        assertThrows(IllegalArgumentException.class, () -> BatchIdentity.credentials("a/b"));
    }

    @Test
    void serverXmlGrantsTheServiceIdentitySubmitAndReadAndNobodyElseButAdmins() throws Exception {
        String xml = Files.readString(SERVER_XML);
        Matcher variable = Pattern.compile(
                "<variable name=\"routingml.batch.service-user\" defaultValue=\"([^\"]+)\"/>").matcher(xml);
        assertTrue(variable.find(), "server.xml defines routingml.batch.service-user");
        assertEquals("routingml-scheduler", variable.group(1), "the documented default");

        String roles = xml.substring(xml.indexOf("<authorization-roles id=\"com.ibm.ws.batch\">"),
                xml.indexOf("</authorization-roles>"));
        String service = "<user name=\"${routingml.batch.service-user}\" access-id=\"user:" + BatchIdentity.REALM
                + "/${routingml.batch.service-user}\"/>";
        for (String role : new String[] {"batchSubmitter", "batchMonitor"}) {
            String r = role(roles, role);
            assertTrue(r.contains(service), role + ": " + r);
            assertEquals(1, r.split("<(user|group|special-subject) ").length - 1,
                    role + " has the service identity only: " + r);
        }
        assertTrue(role(roles, "batchAdmin").contains("<group name=\"routingml-admins\"/>"));
        assertFalse(roles.contains("EVERYONE") || roles.contains("ALL_AUTHENTICATED"),
                "no batch role for every caller");
        // The service user must not be a registry user: then it would have (and need) a password.
        String registry = xml.substring(xml.indexOf("<basicRegistry"), xml.indexOf("</basicRegistry>"));
        assertFalse(registry.contains("routingml.batch.service-user") || registry.contains(variable.group(1)),
                registry);
    }

    private static String role(String roles, String name) {
        int at = roles.indexOf("<security-role name=\"" + name + "\">");
        assertTrue(at >= 0, "no " + name);
        return roles.substring(at, roles.indexOf("</security-role>", at));
    }
}
