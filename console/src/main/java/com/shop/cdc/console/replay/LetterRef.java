package com.shop.cdc.console.replay;

/** One dead letter, named by its service and its id there: {@code users-sink/7} in a form. */
public record LetterRef(String service, long id) {

    /** {@code service/id}; null when the text is not one. */
    public static LetterRef parse(String text) {
        int slash = text == null ? -1 : text.lastIndexOf('/');
        if (slash <= 0) {
            return null;
        }
        try {
            return new LetterRef(text.substring(0, slash), Long.parseLong(text.substring(slash + 1)));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    @Override
    public String toString() {
        return service + " #" + id;
    }
}
