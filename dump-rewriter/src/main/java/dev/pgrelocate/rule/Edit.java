package dev.pgrelocate.rule;

/**
 * Replace bytes {@code [start, end)} of a statement with {@code replacement}; an insertion when
 * {@code start == end}. The replacement is in the statement's byte domain (ISO-8859-1 text).
 */
public record Edit(int start, int end, String replacement) {
    public Edit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range " + start + ".." + end);
        }
    }
}
