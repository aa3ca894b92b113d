package com.shop.cdc.common.decode;

import static org.assertj.core.api.Assertions.assertThat;

import com.shop.cdc.common.event.ChangeEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ADD COLUMN … DEFAULT x} fills existing rows without an event; later events declare the
 * default next to {@code optional} in the field schema, and the change carries it as a logical value.
 */
class SchemaDefaultsTest {

    private static final String USERS = "pg-default/pg.schemas-true.jsonl";

    @Test
    void theCapturedAddColumnDefaultIsCarried() {
        // record 28 is the first change after ALTER TABLE users ADD COLUMN referral_code … DEFAULT 'NONE'
        ChangeEvent event = change(Corpus.load(USERS).get(28));
        assertThat(event.defaults()).containsEntry("referral_code", "NONE").containsEntry("id", 0L)
                .containsEntry("marketing_opt_in", false).containsEntry("loyalty_points", 0L)
                .doesNotContainKey("email"); // a NOT NULL column without default declares none
    }

    @Test
    void defaultsAreDecodedLikeValuesOfTheirSchema() {
        RawRecord alice = CorpusEdits.editValue(Corpus.load(USERS).get(0), value -> {
            CorpusEdits.bothImages(value, "balance", f -> f.put("default", "AlHy")); // 1520.50, base64 like values
            CorpusEdits.bothImages(value, "birth_date", f -> f.put("default", 7441)); // days
            CorpusEdits.bothImages(value, "updated_at", f -> f.put("default", 1705307400123456L)); // µs
            CorpusEdits.bothImages(value, "created_at", f -> f.put("default", "2024-01-15T08:30:00Z"));
            CorpusEdits.bothImages(value, "full_name", f -> f.putNull("default")); // an explicit null default: none
        });
        ChangeEvent event = change(alice);
        assertThat(event.defaults()).containsEntry("balance", new BigDecimal("1520.50"))
                .containsEntry("birth_date", LocalDate.parse("1990-05-17"))
                .containsEntry("updated_at", Instant.parse("2024-01-15T08:30:00.123456Z"))
                .containsEntry("created_at", Instant.parse("2024-01-15T08:30:00Z"))
                .doesNotContainKey("full_name");
        assertThat(event.after()).containsEntry("balance", new BigDecimal("1520.50")); // values unchanged
    }

    @Test
    void defaultsAreDecodedOncePerSchemaNotPerRecord() {
        RecordDecoder decoder = TestDecoders.forTopic("shop.public.users", true, false);
        List<RawRecord> records = Corpus.load(USERS);
        ChangeEvent first = ((Decoded.Change) decoder.decode(records.get(28))).event();
        ChangeEvent second = ((Decoded.Change) decoder.decode(records.get(29))).event();
        assertThat(second.defaults()).isNotEmpty().isSameAs(first.defaults());
    }

    @Test
    void aDefaultThatDoesNotFitItsSchemaRejectsEveryRecordOfTheSchema() {
        RawRecord delete = CorpusEdits.editValue(Corpus.load(USERS).get(10),
                value -> CorpusEdits.bothImages(value, "birth_date", f -> f.put("default", "yesterday")));
        Decoded decoded = TestDecoders.forTopic("shop.public.users", true, false).decode(delete);
        assertThat(decoded).isInstanceOf(Decoded.Failure.class);
        assertThat(((Decoded.Failure) decoded).field()).isEqualTo("birth_date");
        assertThat(((Decoded.Failure) decoded).reason()).contains("default", "yesterday");
    }

    @Test
    void schemalessChangesHaveNoDefaults() {
        Decoded decoded = TestDecoders.forTopic("shop.public.users", false, false)
                .decode(Corpus.load("pg-default/pg.schemas-false.jsonl").get(28));
        assertThat(((Decoded.Change) decoded).event().defaults()).isEmpty();
    }

    private static ChangeEvent change(RawRecord record) {
        Decoded decoded = TestDecoders.forTopic(record.origin().topic(), true, false).decode(record);
        assertThat(decoded).isInstanceOf(Decoded.Change.class);
        return ((Decoded.Change) decoded).event();
    }
}
