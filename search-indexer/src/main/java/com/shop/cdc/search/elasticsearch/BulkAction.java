package com.shop.cdc.search.elasticsearch;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One action of a {@code _bulk} request: its metadata line and, except for a delete, its document.
 *
 * @param meta     e.g. {@code {"index": {"_index": …, "_id": …, "version": …, "version_type": "external"}}}
 * @param document the source, or null for a delete
 */
public record BulkAction(Map<String, Object> meta, Map<String, Object> document) {

    /** Writes the document unless Elasticsearch already holds this version or a newer one (409). */
    static BulkAction externalVersion(IndexTarget target, String id, long version, Map<String, Object> document) {
        Map<String, Object> meta = target.meta(id);
        meta.put("version", version);
        meta.put("version_type", "external");
        return new BulkAction(Map.of("index", meta), document);
    }

    /**
     * Writes the document at the external version it already has ({@code external_gte}): a rewrite
     * that keeps the version, refused (409) once a newer change holds the key.
     */
    static BulkAction sameExternalVersion(IndexTarget target, String id, long version, Map<String, Object> document) {
        Map<String, Object> meta = target.meta(id);
        meta.put("version", version);
        meta.put("version_type", "external_gte");
        return new BulkAction(Map.of("index", meta), document);
    }

    /** Writes the document only if it is still at {@code seqNo}/{@code primaryTerm}, or creates it if it is new. */
    static BulkAction compareAndSet(IndexTarget target, String id, StoredDocument stored, Map<String, Object> document) {
        Map<String, Object> meta = target.meta(id);
        if (stored == null) {
            return new BulkAction(Map.of("create", meta), document);
        }
        meta.put("if_seq_no", stored.seqNo());
        meta.put("if_primary_term", stored.primaryTerm());
        return new BulkAction(Map.of("index", meta), document);
    }

    /** Deletes the document only if it is still at the given sequence number and term. */
    static BulkAction deleteIfUnchanged(String index, String id, long seqNo, long primaryTerm) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("_index", index);
        meta.put("_id", id);
        meta.put("if_seq_no", seqNo);
        meta.put("if_primary_term", primaryTerm);
        return new BulkAction(Map.of("delete", meta), null);
    }
}
