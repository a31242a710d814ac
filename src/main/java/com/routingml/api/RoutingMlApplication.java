package com.routingml.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** All application endpoints live under {@code /api}; health and metrics are served by Liberty. */
@ApplicationPath("/api")
public class RoutingMlApplication extends Application {
}
