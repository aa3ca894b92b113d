package com.shop.cdc.workload;

import com.shop.cdc.common.sink.lake.LakeSettings;
import java.io.Closeable;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.iceberg.CatalogUtil;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.Catalog;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.IcebergGenerics;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.types.Types;

/** The lake's tables as Iceberg's own reader gives them, equality deletes applied: what any engine reads. */
final class LakeReader implements Closeable {

    /**
     * A table's rows.
     *
     * @param name       the table's name in the catalog
     * @param columns    the table's column names
     * @param rows       key (the key columns' values joined by {@code /}) → row
     * @param duplicated the keys more than one live row holds: a write applied twice
     */
    record Rows(String name, Set<String> columns, Map<String, Record> rows, Set<String> duplicated) {
    }

    private final Catalog catalog;
    private final String namespace;

    LakeReader(LakeSettings settings) {
        this.catalog = CatalogUtil.buildIcebergCatalog(settings.catalogName(), settings.catalog(), null);
        this.namespace = settings.namespace();
    }

    Rows read(String table, List<String> keys) throws IOException {
        TableIdentifier id = TableIdentifier.of(namespace, table);
        Table lake = catalog.loadTable(id);
        Set<String> columns = lake.schema().columns().stream().map(Types.NestedField::name).collect(Collectors.toSet());
        Map<String, Record> rows = new TreeMap<>();
        Set<String> duplicated = new TreeSet<>();
        try (CloseableIterable<Record> records = IcebergGenerics.read(lake).build()) {
            for (Record record : records) {
                String key = keys.stream().map(k -> String.valueOf(record.getField(k))).collect(Collectors.joining("/"));
                if (rows.put(key, record.copy()) != null) {
                    duplicated.add(key);
                }
            }
        }
        return new Rows(id.toString(), columns, rows, duplicated);
    }

    @Override
    public void close() throws IOException {
        if (catalog instanceof Closeable closeable) {
            closeable.close();
        }
    }
}
