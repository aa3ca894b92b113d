package com.shop.cdc.common.sink;

import static com.shop.cdc.common.sink.WarehouseTestTable.row;
import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.event.ChangeEvent;
import com.shop.cdc.common.event.Unavailable;
import com.shop.cdc.common.sink.warehouse.WarehouseChangeWriter;
import com.shop.cdc.common.sink.warehouse.WarehouseDialect;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * PostgreSQL's unchanged TOAST placeholder keeps the newest value before it wherever that value is:
 * the stored row or an earlier change of the same batch, whatever the batch boundaries, duplicates
 * and replays of older changes.
 */
class WarehouseUnchangedValuesIT {

    private static final Object KEPT = Unavailable.VALUE;

    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> warehouses() throws Exception {
        return WarehouseTestTable.warehouses();
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void aPlaceholderTakesTheValueOfTheBatchsEarlierChange(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url, "email", "varchar", "full_name", "varchar");
        WarehouseChangeWriter writer = it.writer();
        writer.write(List.of(it.upsert(1, 100, row("email", "ann@x.io", "full_name", "Ann Old"))));
        writer.write(List.of(
                it.upsert(1, 200, row("email", "ann@x.io", "full_name", "Ann New")),
                it.upsert(2, 210, row("email", "bob@x.io", "full_name", "Bob")),
                it.upsert(1, 300, row("email", "ann@y.io", "full_name", KEPT)),
                it.upsert(2, 310, row("email", "bob@y.io", "full_name", KEPT)),
                it.upsert(3, 320, row("email", "cy@x.io", "full_name", "Cy")),
                it.upsert(3, 330, row("email", "cy@y.io", "full_name", KEPT)),
                it.upsert(3, 340, row("email", "cy@z.io", "full_name", KEPT))));
        Map<Long, Map<String, Object>> rows = it.rows();
        assertThat(rows.get(1L)).as("updated in the batch, then left out").containsEntry("full_name", "Ann New")
                .containsEntry("email", "ann@y.io");
        assertThat(rows.get(2L)).as("created in the batch, then left out").containsEntry("full_name", "Bob")
                .containsEntry("email", "bob@y.io");
        assertThat(rows.get(3L)).as("left out twice in a row").containsEntry("full_name", "Cy").containsEntry("email", "cy@z.io");
    }

    @ParameterizedTest
    @MethodSource("warehouses")
    void duplicatesAndOlderReplaysInTheBatchYieldToTheNewerStoredRow(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url, "email", "varchar", "full_name", "varchar");
        WarehouseChangeWriter writer = it.writer();
        writer.write(List.of(it.upsert(4, 700, row("email", "d@x.io", "full_name", "D at 700"))));
        ChangeEvent placeholder = it.upsert(5, 600, row("email", "e@y.io", "full_name", KEPT));
        writer.write(List.of(
                it.upsert(4, 650, row("email", "d@x.io", "full_name", "D at 650")), // replayed, older than the stored row
                it.upsert(4, 800, row("email", "d@y.io", "full_name", KEPT)),
                it.upsert(5, 400, row("email", "e@x.io", "full_name", "E at 400")),
                it.upsert(5, 500, row("email", "e@x.io", "full_name", "E at 500")),
                placeholder, placeholder,
                it.upsert(5, 400, row("email", "e@x.io", "full_name", "E at 400")),
                it.upsert(6, 100, row("email", "f@x.io", "full_name", "F")),
                it.delete(6, 110),
                it.upsert(6, 120, row("email", "f@y.io", "full_name", "F again"))));
        Map<Long, Map<String, Object>> rows = it.rows();
        assertThat(rows.get(4L)).as("the stored row, newer than the replay, came before the placeholder")
                .containsEntry("full_name", "D at 700").containsEntry("email", "d@y.io");
        assertThat(rows.get(5L)).containsEntry("full_name", "E at 500").containsEntry("email", "e@y.io");
        assertThat(rows.get(6L)).containsEntry("full_name", "F again").containsEntry("_deleted", false);
    }

    /**
     * A source history with placeholders, delivered in order per key as Kafka does (redelivering from an
     * earlier offset now and then), cut into batches of every size: the table ends equal to the source.
     */
    @ParameterizedTest
    @MethodSource("warehouses")
    void batchBoundariesDoNotChangeTheResult(WarehouseDialect dialect, String url) throws Exception {
        WarehouseTestTable it = new WarehouseTestTable(dialect, url, "email", "varchar", "full_name", "varchar");
        Random random = new Random(7);
        List<ChangeEvent> history = new ArrayList<>();
        Map<Long, String> truth = new HashMap<>();
        long lsn = 1000;
        for (int step = 0; step < 1500; step++) {
            long id = random.nextInt(40);
            lsn += 1 + random.nextInt(5);
            if (truth.containsKey(id) && random.nextInt(3) > 0) {
                history.add(it.upsert(id, lsn, row("email", "u" + lsn + "@x.io", "full_name", KEPT)));
            } else {
                truth.put(id, "name " + id + " at " + lsn);
                history.add(it.upsert(id, lsn, row("email", "u" + lsn + "@x.io", "full_name", truth.get(id))));
            }
        }
        List<ChangeEvent> delivered = new ArrayList<>();
        for (int next = 0; next < history.size(); ) {
            int until = Math.min(history.size(), next + 1 + random.nextInt(80));
            delivered.addAll(history.subList(next, until));
            next = random.nextInt(4) == 0 ? Math.max(0, until - random.nextInt(120)) : until;
        }
        WarehouseChangeWriter writer = it.writer();
        for (int from = 0; from < delivered.size(); ) {
            int to = Math.min(delivered.size(), from + 1 + random.nextInt(random.nextBoolean() ? 5 : 300));
            writer.write(delivered.subList(from, to));
            from = to;
        }
        Map<Long, Map<String, Object>> rows = it.rows();
        truth.forEach((id, name) -> assertThat(rows.get(id)).as("row %s", id).containsEntry("full_name", name));
    }
}
