package com.shop.cdc.common.failure.ledger;

import io.quarkus.hibernate.reactive.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import java.time.Instant;

/**
 * One dead letter in the ledger: the original record, byte for byte, where it came from, its last
 * failure, and what an operator did with it. A record that fails again (a redelivery, a replay
 * that still fails) updates its row: one row per service and source record. A record is known by
 * its coordinates and its Kafka timestamp, because a topic deleted and created again starts its
 * offsets anew: another record at the same offset gets a row of its own.
 */
@Entity
@Table(name = "cdc_dead_letter",
        uniqueConstraints = @UniqueConstraint(name = DeadLetterEntry.IDENTITY,
                columnNames = {"service", "source_topic", "source_partition", "source_offset", "source_timestamp"}),
        indexes = {@Index(name = "cdc_dead_letter_status", columnList = "service, status, first_failed_at")})
public class DeadLetterEntry extends PanacheEntityBase {

    /** The unique constraint of a record's identity ({@link LedgerSchema} drops the one of earlier versions). */
    static final String IDENTITY = "cdc_dead_letter_record";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false)
    public String service;
    @Column(nullable = false)
    public String sourceTopic;
    public int sourcePartition;
    public long sourceOffset;
    public Instant sourceTimestamp;

    public byte[] recordKey;
    public byte[] recordValue;
    /** The original headers as a JSON object of base64 values. */
    @Column(columnDefinition = "text")
    public String recordHeaders;

    @Column(nullable = false)
    public String stage;
    @Column(nullable = false)
    public String errorClass;
    @Column(columnDefinition = "text")
    public String message;
    public String field;
    @Column(columnDefinition = "text")
    public String stackTrace;
    /** Every broken rule, as the JSON array the dead-letter header carries. */
    @Column(columnDefinition = "text")
    public String violations;

    @Column(nullable = false)
    public Instant firstFailedAt;
    @Column(nullable = false)
    public Instant lastFailedAt;
    public int attempts;
    /**
     * When the dead-letter topic acknowledged this failure; null until then. A record delivered
     * again (after a restart or a rebalance) that fails the same way is not published twice.
     */
    public Instant publishedAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public DeadLetterStatus status;
    public String resolvedBy;
    public Instant resolvedAt;
    @Column(columnDefinition = "text")
    public String resolution;
}
