package com.shop.cdc.common.decode;

/**
 * The one boundary between untrusted bytes and the pipeline: a record over the size limit is
 * refused before it is parsed, and whatever goes wrong inside a decoder becomes a
 * {@link Decoded.Failure} with a reason for a person instead of an exception. A failure the
 * decoder foresaw names the topic's governing property; one it did not still says what was
 * expected and found, its exception kept as the failure's cause (the dead letter's error class).
 * The one exception let through is {@link RegistryUnavailableException}: an outage, not a verdict.
 */
public final class GuardedDecoder implements RecordDecoder {

    private final RecordDecoder decoder;
    private final long maxRecordBytes;
    private final Format format;

    public GuardedDecoder(RecordDecoder decoder, long maxRecordBytes) {
        this(decoder, maxRecordBytes, null);
    }

    /** @param format what the topic is configured to carry, for reasons; null when unknown */
    public GuardedDecoder(RecordDecoder decoder, long maxRecordBytes, Format format) {
        this.decoder = decoder;
        this.maxRecordBytes = maxRecordBytes;
        this.format = format;
    }

    @Override
    public Decoded decode(RawRecord record) {
        long size = record.size();
        if (size > maxRecordBytes) {
            return Decoded.Failure.of("record of " + size + " bytes exceeds the limit of " + maxRecordBytes
                    + " bytes (cdc.pipeline.max-record-bytes)", record.origin());
        }
        try {
            return decoder.decode(record);
        } catch (DecodeException e) {
            return new Decoded.Failure(reason(e, record.origin().topic()), e.field(), record.origin());
        } catch (RegistryUnavailableException e) {
            throw e; // no finding about the record: it waits for the registry
        } catch (RuntimeException | StackOverflowError e) {
            return new Decoded.Failure(unforeseen(record), null, record.origin(), e);
        }
    }

    private static String reason(DecodeException e, String topic) {
        return e.property() == null ? e.getMessage()
                : e.getMessage() + " (" + Topics.property(topic, e.property()) + ")";
    }

    /** What a person can act on when the decoder itself failed: the stage, the expectation, the record. */
    private String unforeseen(RawRecord record) {
        String expected = format == null ? "a record of this topic's format"
                : "a " + format.label() + " record (" + Topics.property(record.origin().topic(), "format") + ")";
        return "the decode step stopped on an internal fault rather than a finding about the record: expected " + expected
                + ", found " + record.summary() + "; the error class names the fault, and the record can be replayed "
                + "once it is fixed";
    }
}
