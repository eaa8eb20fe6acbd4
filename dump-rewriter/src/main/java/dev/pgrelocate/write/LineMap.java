package dev.pgrelocate.write;

import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * Input line for an output line, where a rewrite inserted or removed lines (an inserted
 * {@code CREATE SCHEMA}, a dropped statement). Only those places are recorded, so it stays tiny
 * however large the dump. Thread-safe: the rewriter records while a restore reading its output
 * looks lines up.
 */
public final class LineMap {
    /** Output line from which on {@code output - input} is the value. */
    private final ConcurrentSkipListMap<Long, Long> deltas = new ConcurrentSkipListMap<>();

    /** From {@code outputLine} on, output lines are input lines plus {@code delta}. */
    public void shift(long outputLine, long delta) {
        deltas.put(outputLine, delta);
    }

    public long inputLine(long outputLine) {
        Map.Entry<Long, Long> e = deltas.floorEntry(outputLine);
        return e == null ? outputLine : outputLine - e.getValue();
    }
}
