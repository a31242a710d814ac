package com.routingml.cluster;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * This server's name among the servers that share a database: the owner of its schedule claims,
 * the key of its drift window, the author of the run states it writes. Stable across restarts of
 * the server, so a restarted server finds its own window again.
 */
@ApplicationScoped
public class ClusterMember {

    /** Longest name the tables keep. */
    public static final int MAX_LENGTH = 100;

    @Inject
    @ConfigProperty(name = "routingml.cluster.member")
    Optional<String> configured;

    private String name;

    @PostConstruct
    void init() {
        name = of(configured.orElse(null));
    }

    /**
     * {@code member} when given, else {@code host/server} (the host name and Liberty's server name).
     *
     * @throws IllegalArgumentException when the name is longer than {@link #MAX_LENGTH}
     */
    static String of(String member) {
        String n = member == null || member.isBlank()
                ? host() + "/" + System.getProperty("wlp.server.name", "server") : member.trim();
        if (n.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("routingml.cluster.member must be at most " + MAX_LENGTH
                    + " characters, was " + n.length() + ": " + n);
        }
        return n;
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** This server's name ({@code routingml.cluster.member}, default {@code host/server}). */
    public String name() {
        return name;
    }
}
