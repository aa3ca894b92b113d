package com.shop.cdc.common.decode;

import org.apache.avro.Schema;

/** The writer schemas of Avro records, by the id each record names; implementations cache what they fetch. */
public interface AvroSchemas {

    /**
     * @throws IllegalArgumentException when the registry answers that it has no such schema, or one
     *                                  that is not Avro: the record's fault, its message for a person
     * @throws RegistryUnavailableException when the registry does not answer: nobody's fault yet, waited for
     */
    Schema byId(int id);

    /** Where the schemas come from, for reasons: {@code the schema registry at http://…}. */
    String source();
}
