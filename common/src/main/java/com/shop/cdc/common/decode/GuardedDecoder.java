package com.shop.cdc.common.decode;

/**
 * The one boundary between untrusted bytes and the pipeline: a record over the size limit is
 * refused before it is parsed, and whatever goes wrong inside a decoder becomes a
 * {@link Decoded.Failure} with a reason instead of an exception.
 */
public final class GuardedDecoder implements RecordDecoder {

    private final RecordDecoder decoder;
    private final long maxRecordBytes;

    public GuardedDecoder(RecordDecoder decoder, long maxRecordBytes) {
        this.decoder = decoder;
        this.maxRecordBytes = maxRecordBytes;
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
            return new Decoded.Failure(e.getMessage(), e.field(), record.origin());
        } catch (RuntimeException | StackOverflowError e) {
            return Decoded.Failure.of("undecodable record: " + e.getClass().getSimpleName() + ": "
                    + JsonEnvelope.firstLine(e.getMessage()), record.origin());
        }
    }
}
