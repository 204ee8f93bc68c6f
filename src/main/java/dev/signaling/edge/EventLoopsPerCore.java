package dev.signaling.edge;

import java.util.Map;
import java.util.Set;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * One Vert.x event loop per core the process may use, where Quarkus's default is the cores but at least two. Every
 * callback of ours is non-blocking, so a second loop on a single core adds no throughput; what it adds is hand-offs:
 * a relay whose recipient lives on the other loop wakes that loop's thread, and on one core (or a virtual one, where
 * a wake-up is costly) that wake-up is a large part of what a relayed message costs. Measured with the server held to
 * one core (docs/benchmarks.md, item 14): one loop spends 20-40 % less CPU per relayed message than two at 5,000 and
 * 20,000 msgs/s. A container limited to one CPU or less, the usual size of a signaling pod, is that case; on two or
 * more cores this gives what Quarkus gives.
 * <p>
 * A default only: {@code quarkus.vertx.event-loops-pool-size} (or {@code QUARKUS_VERTX_EVENT_LOOPS_POOL_SIZE}) set
 * anywhere else wins, as this source ranks below application.properties, environment variables and system
 * properties. The value is read when Vert.x starts, so a native binary counts the cores of the machine it runs on.
 */
public final class EventLoopsPerCore implements ConfigSource {
    static final String PROPERTY = "quarkus.vertx.event-loops-pool-size";

    /** Below application.properties (250), .env files (295), environment variables (300), system properties (400). */
    static final int ORDINAL = 150;

    @Override
    public Set<String> getPropertyNames() {
        return Set.of(PROPERTY);
    }

    @Override
    public Map<String, String> getProperties() {
        return Map.of(PROPERTY, getValue(PROPERTY));
    }

    @Override
    public String getValue(String propertyName) {
        // Honours CPU affinity (taskset) and container CPU limits, as the JVM and the native image both do.
        return PROPERTY.equals(propertyName) ? String.valueOf(Math.max(1, Runtime.getRuntime().availableProcessors()))
                : null;
    }

    @Override
    public String getName() {
        return "signaling: one event loop per core";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
