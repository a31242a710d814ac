package com.routingml.retrain;

import com.ibm.websphere.security.auth.WSSubject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import javax.security.auth.Subject;
import javax.security.auth.login.LoginContext;
import javax.security.auth.login.LoginException;
import java.security.PrivilegedAction;
import java.util.Hashtable;
import java.util.function.Supplier;

/**
 * The identity the application's own batch calls run under: scheduled and drift-triggered starts
 * (a server thread has no caller) and the job status that {@code GET /api/retrain/executions}
 * shows to any caller. Liberty's batch container has no run-as for a submission, and
 * with application security on, a start from a thread without a caller is refused (CWWKY0304W).
 *
 * <p>The identity ({@code routingml.batch.service-user}, default {@code routingml-scheduler}, in the
 * realm {@value #REALM}) is in no user registry: nobody can log in as it over HTTP and it has no
 * password that could leak. It exists only in server.xml's batch authorization table, by access-id
 * {@code user:routingml-service/routingml-scheduler}, with batchSubmitter and batchMonitor. The
 * server asserts it with a JAAS hashtable login: given a unique id and a security name, Liberty's
 * hashtable login module builds the subject without asking the registry, so it works the same
 * with the basic registry or LDAP (the realm is ours, not the registry's). The call then runs
 * inside {@link WSSubject#doAs}, so the batch runtime sees it as the caller: it is the job
 * instance's {@code submitter}, and the batch roles decide what it may do.
 *
 * <p>A fresh subject per call: a login is cheap (no registry, no password check), and a subject
 * handed to a job is never logged out, so it stays valid while the job runs on it (the job's own
 * JobOperator calls in {@link RetrainJobListener} succeed under it).
 */
@ApplicationScoped
public class BatchIdentity {

    /** The realm of the service identity: not the registry's, so the access-id never changes with it. */
    public static final String REALM = "routingml-service";
    /** Liberty's application login configuration (delegates to system.DEFAULT, which has the hashtable module). */
    static final String LOGIN_CONFIGURATION = "WSLogin";
    // Hashtable keys of Liberty's hashtable login (com.ibm.wsspi.security.token.AttributeNameConstants).
    static final String UNIQUE_ID = "com.ibm.wsspi.security.cred.uniqueId";
    static final String SECURITY_NAME = "com.ibm.wsspi.security.cred.securityName";
    static final String REALM_KEY = "com.ibm.wsspi.security.cred.realm";

    /** No default here: server.xml declares the key, because its batch roles grant the same name. */
    @Inject
    @ConfigProperty(name = "routingml.batch.service-user")
    String user;

    /** The access-id server.xml grants batch roles to (in the failure message; tests). */
    static String accessId(String user) {
        return "user:" + REALM + "/" + user;
    }

    /** The login data of the hashtable login module (package-visible for tests). */
    static Hashtable<String, Object> credentials(String user) {
        if (user == null || user.isBlank() || user.contains("/")) {
            throw new IllegalArgumentException("routingml.batch.service-user must be a non-blank name without '/', "
                    + "was '" + user + "'");
        }
        Hashtable<String, Object> h = new Hashtable<>();
        h.put(UNIQUE_ID, user);
        h.put(SECURITY_NAME, user);
        h.put(REALM_KEY, REALM);
        return h;
    }

    /**
     * Runs {@code work} as the service identity.
     *
     * @throws IllegalStateException when the identity cannot be asserted (the message says why)
     */
    public <T> T call(Supplier<T> work) {
        Subject subject = login();
        // WSSubject.doAs wraps an exception of the action in a plain RuntimeException; callers
        // expect theirs (AlreadyRunning, a 404 problem), so it travels back in the result.
        PrivilegedAction<Outcome<T>> action = () -> {
            try {
                return new Outcome<>(work.get(), null);
            } catch (RuntimeException e) {
                return new Outcome<>(null, e);
            }
        };
        @SuppressWarnings("unchecked")
        Outcome<T> outcome = (Outcome<T>) WSSubject.doAs(subject, action);
        if (outcome.failure() != null) {
            throw outcome.failure();
        }
        return outcome.value();
    }

    private record Outcome<T>(T value, RuntimeException failure) {
    }

    private Subject login() {
        Subject subject = new Subject();
        subject.getPublicCredentials().add(credentials(user));
        try {
            // No callbacks to answer (no name, no password): the hashtable carries the identity,
            // but Liberty's authentication service insists on a handler.
            new LoginContext(LOGIN_CONFIGURATION, subject, callbacks -> { }).login();
        } catch (LoginException | RuntimeException e) {
            throw new IllegalStateException("cannot assert the batch service identity " + accessId(user)
                    + " (JAAS " + LOGIN_CONFIGURATION + " hashtable login): " + e.getMessage(), e);
        }
        return subject;
    }
}
