package com.shop.cdc.workload;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The sink benchmark's event stream ({@code -Dworkload.action=bench-fill}) and commit watch
 * ({@code -Dworkload.action=bench-commits}); every property can be given as {@code -Dbench.<name>=...}.
 */
@ConfigMapping(prefix = "bench")
public interface BenchConfig {

    /** Which source's envelope: {@code users} (PostgreSQL connector) or {@code orders} (MariaDB connector). */
    @WithDefault("users")
    String domain();

    /** Topic written (or watched); left out, the domain's source topic. */
    Optional<String> topic();

    /** Number of change events (tombstones after deletes come on top). */
    @WithDefault("300000")
    int count();

    /** Distinct row keys the events cycle through, 1..keys. */
    @WithDefault("100000")
    int keys();

    /** Share of the change events that are deletes, in percent. */
    @WithDefault("10")
    int deletePercent();

    /** Offered change events per second; 0 means as fast as the producer goes. */
    @WithDefault("0")
    int rate();

    /**
     * First source position: PostgreSQL LSN (default 10^12), MariaDB binlog position in file
     * {@code mariadb-bin.001000} (default 10^6). The defaults lie above anything the local stack's sources write,
     * so that positions targets still hold from other runs never make the stream's changes stale. A later stream
     * on the same topic must start above the previous one's last position, which the fill prints.
     */
    Optional<Long> positionStart();

    /** Consumer group whose commits {@code bench-commits} watches. */
    @WithDefault("bench")
    String group();

    /** {@code bench-commits} gives up after this many seconds. */
    @WithDefault("900")
    int timeoutSeconds();

    default String topicOrDefault() {
        return topic().orElse(domain().equals("orders") ? "shop.shop_orders.orders" : "shop.public.users");
    }
}
