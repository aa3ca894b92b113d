package com.shop.cdc.console.web;

import com.shop.cdc.console.services.DeadLetter;
import com.shop.cdc.console.services.ReconciliationReport;
import io.quarkus.qute.TemplateExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Links to {@link LookupPage} from the pages that name a key or a record. */
@TemplateExtension
final class LookupLinks {

    private LookupLinks() {
    }

    /** A reconciliation's listed key: in its target, and its source record when the source had it. */
    static String lookup(ReconciliationReport.Discrepancy key, String service, String target) {
        String link = "/lookup?service=" + encoded(service) + "&target=" + encoded(target) + "&key=" + encoded(key.key());
        ReconciliationReport.SourceRecord source = key.source();
        return source == null ? link : link + record(source.topic(), source.partition(), source.offset());
    }

    /** A dead letter's record, as the pipeline makes of it now, and what the targets hold for it. */
    static String lookup(DeadLetter letter, String service) {
        return "/lookup?service=" + encoded(service) + record(letter.topic(), letter.partition(), letter.offset());
    }

    private static String record(String topic, int partition, long offset) {
        return "&topic=" + encoded(topic) + "&partition=" + partition + "&offset=" + offset;
    }

    private static String encoded(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
