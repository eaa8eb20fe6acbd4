package dev.pgrelocate.restore;

import dev.pgrelocate.archive.RestorePass;
import dev.pgrelocate.archive.TocEntry;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The order of a parallel archive restore, as pg_restore -j plans it (not thread-safe: one
 * coordinator asks and reports):
 * <ol>
 * <li>{@link #serialFirst()}: the pre-data part of the TOC, in TOC order on one connection;</li>
 * <li>{@link #next} / {@link #finished}: the rest of the main pass, each entry once all of its
 * dependencies that are in the TOC have finished, biggest data first, never together with a
 * running entry that locks one of the same tables (two foreign keys on one table both take an
 * exclusive lock: they would only wait for each other, or deadlock);</li>
 * <li>{@link #unfinished}: what never became ready (dependency cycles), then the privilege pass,
 * then the post-privilege pass, in TOC order.</li>
 * </ol>
 * Post-data entries that depend on a table are made to depend on its TABLE DATA instead, so an
 * index is not built before its rows are loaded, and inherit that data's size for the ordering.
 */
final class RestoreSchedule {
    private final List<TocEntry> entries;
    private final Map<Integer, TocEntry> byId = new HashMap<>();
    /** Dependencies that are in the TOC, repointed, duplicates kept (pg_dump writes some). */
    private final Map<Integer, List<Integer>> dependencies = new HashMap<>();
    private final Map<Integer, List<Integer>> dependents = new HashMap<>();
    private final Map<Integer, Integer> waitingFor = new HashMap<>();
    private final Map<Integer, Set<Integer>> lockedTables = new HashMap<>();
    private final Map<Integer, Long> sizes = new HashMap<>();
    private final List<TocEntry> serialFirst = new ArrayList<>();
    private final Set<Integer> pending = new LinkedHashSet<>();
    private final Set<Integer> finished = new HashSet<>();
    private final TreeSet<TocEntry> ready;
    private boolean parallelStarted;

    RestoreSchedule(List<TocEntry> entries, Map<Integer, Long> dataSizes) {
        this.entries = List.copyOf(entries);
        entries.forEach(e -> byId.put(e.dumpId(), e));
        entries.forEach(e -> sizes.put(e.dumpId(), dataSizes.getOrDefault(e.dumpId(), 0L)));
        ready = new TreeSet<>(Comparator.<TocEntry>comparingLong(e -> -sizes.get(e.dumpId()))
                .thenComparingInt(TocEntry::dumpId));
        Map<Integer, Integer> tableData = tableDataByTable();
        Integer previousConfigurationData = null;
        for (TocEntry entry : entries) {
            List<Integer> deps = new ArrayList<>();
            if (isConfigurationData(entry)) {
                // An extension's configuration tables (PostGIS topology.layer -> topology.topology)
                // may reference each other, and pg_dump orders their data in the TOC but records no
                // dependency between them (pg_restore -j fails on it): they load one after another.
                if (previousConfigurationData != null) {
                    deps.add(previousConfigurationData);
                    dependents.computeIfAbsent(previousConfigurationData, k -> new ArrayList<>()).add(entry.dumpId());
                }
                previousConfigurationData = entry.dumpId();
            }
            for (String dep : entry.dependencies()) {
                Integer id = parseId(dep);
                if (id == null || !byId.containsKey(id)) {
                    continue; // not in this TOC: pg_restore ignores it
                }
                if (entry.section() == TocEntry.SECTION_POST_DATA && tableData.containsKey(id)) {
                    id = tableData.get(id);
                    sizes.merge(entry.dumpId(), sizes.get(id), Math::max);
                }
                deps.add(id);
                dependents.computeIfAbsent(id, k -> new ArrayList<>()).add(entry.dumpId());
            }
            dependencies.put(entry.dumpId(), deps);
            waitingFor.put(entry.dumpId(), deps.size());
            lockedTables.put(entry.dumpId(), lockedTables(entry, deps));
        }
        planSerialPart();
    }

    /** The entries to run first, one after another in this order; report each with {@link #finished}. */
    List<TocEntry> serialFirst() {
        return List.copyOf(serialFirst);
    }

    /**
     * The ready entry to start next, or null when none can start now (nothing ready, or all ready
     * ones lock a table a running entry locks). Ends the serial part on first use.
     */
    TocEntry next(Collection<TocEntry> running) {
        if (!parallelStarted) {
            parallelStarted = true;
            for (Integer id : pending) {
                TocEntry entry = byId.get(id);
                if (waitingFor.get(id) == 0 && RestorePass.of(entry) == RestorePass.MAIN) {
                    ready.add(entry);
                }
            }
            ready.forEach(e -> pending.remove(e.dumpId()));
        }
        for (Iterator<TocEntry> it = ready.iterator(); it.hasNext(); ) {
            TocEntry candidate = it.next();
            if (running.stream().noneMatch(r -> conflicts(candidate, r) || conflicts(r, candidate))) {
                it.remove();
                return candidate;
            }
        }
        return null;
    }

    /** Marks an entry done (restored, failed on with continue-on-error, or skipped): its dependents may become ready. */
    void finished(TocEntry entry) {
        if (!finished.add(entry.dumpId())) {
            return;
        }
        pending.remove(entry.dumpId());
        for (Integer dependent : dependents.getOrDefault(entry.dumpId(), List.of())) {
            int left = waitingFor.merge(dependent, -1, Integer::sum);
            TocEntry other = byId.get(dependent);
            if (left == 0 && parallelStarted && pending.contains(dependent) && RestorePass.of(other) == RestorePass.MAIN) {
                pending.remove(dependent);
                ready.add(other);
            }
        }
    }

    /** Entries of {@code pass} not finished yet, in TOC order (for the main pass: the ones that never became ready). */
    List<TocEntry> unfinished(RestorePass pass) {
        List<TocEntry> left = new ArrayList<>();
        for (TocEntry entry : entries) {
            if (!finished.contains(entry.dumpId()) && RestorePass.of(entry) == pass && !ready.contains(entry)) {
                left.add(entry);
            }
        }
        return left;
    }

    /** Table data whose table the TOC does not create: an extension created it (a configuration table). */
    private boolean isConfigurationData(TocEntry entry) {
        if (!entry.desc().equals("TABLE DATA") || entry.dependencies().isEmpty()) {
            return false;
        }
        Integer table = parseId(entry.dependencies().get(0));
        return table != null && !byId.containsKey(table);
    }

    /** The entry's dependencies in the TOC, as scheduled (post-data ones repointed to table data). */
    List<Integer> dependenciesOf(TocEntry entry) {
        return dependencies.get(entry.dumpId());
    }

    /**
     * pg_restore's split: pre-data entries, and the section-less ones (comments...) before the
     * first data or post-data entry, run first in TOC order; the rest waits for the parallel part.
     * Entries of the later passes always wait.
     */
    private void planSerialPart() {
        boolean skippedSome = false;
        for (TocEntry entry : entries) {
            boolean now = switch (entry.section()) {
                case TocEntry.SECTION_PRE_DATA -> true;
                case TocEntry.SECTION_DATA, TocEntry.SECTION_POST_DATA -> {
                    skippedSome = true;
                    yield false;
                }
                default -> !skippedSome;
            };
            if (now && RestorePass.of(entry) == RestorePass.MAIN) {
                serialFirst.add(entry);
            } else {
                pending.add(entry.dumpId());
            }
        }
    }

    /** TABLE id to its TABLE DATA id: a TABLE DATA entry's first dependency is its table. */
    private Map<Integer, Integer> tableDataByTable() {
        Map<Integer, Integer> map = new HashMap<>();
        for (TocEntry entry : entries) {
            if (entry.desc().equals("TABLE DATA") && !entry.dependencies().isEmpty()) {
                Integer table = parseId(entry.dependencies().get(0));
                if (table != null && byId.containsKey(table)) {
                    map.put(table, entry.dumpId());
                }
            }
        }
        return map;
    }

    /**
     * The tables a post-data entry locks exclusively: its TABLE and TABLE DATA dependencies.
     * CREATE INDEX does not lock out other readers; data entries are independent by construction.
     */
    private Set<Integer> lockedTables(TocEntry entry, List<Integer> deps) {
        if (entry.section() != TocEntry.SECTION_POST_DATA || entry.desc().equals("INDEX")) {
            return Set.of();
        }
        Set<Integer> locked = new HashSet<>();
        for (Integer dep : deps) {
            String desc = byId.get(dep).desc();
            if (desc.equals("TABLE") || desc.equals("TABLE DATA")) {
                locked.add(dep);
            }
        }
        return locked;
    }

    private boolean conflicts(TocEntry a, TocEntry b) {
        Set<Integer> locked = lockedTables.get(a.dumpId());
        return !locked.isEmpty() && dependencies.get(b.dumpId()).stream().anyMatch(locked::contains);
    }

    private static Integer parseId(String text) {
        try {
            return Integer.valueOf(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
