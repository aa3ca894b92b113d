package com.shop.cdc.search.elasticsearch;

import com.shop.cdc.common.event.SourceTable;
import com.shop.cdc.common.target.TableRoutes;
import java.util.HashMap;
import java.util.Map;

/** The configured source name ({@link Sources}) each change's table is indexed under; the database may be left out. */
final class SourceNames {

    private final TableRoutes<String> routes;

    SourceNames(Sources sources) {
        Map<String, String> names = new HashMap<>();
        for (String name : new String[] {sources.products(), sources.users(), sources.orders(), sources.orderItems()}) {
            names.put(name, name);
        }
        this.routes = new TableRoutes<>(names, "cdc.elasticsearch.<index>.source");
    }

    TableRoutes<String> routes() {
        return routes;
    }

    /** The configured name, or the table's own qualified name when no index takes it. */
    String of(SourceTable table) {
        return routes.find(table).orElseGet(table::qualifiedName);
    }
}
