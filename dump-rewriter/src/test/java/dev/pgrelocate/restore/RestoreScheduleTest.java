package dev.pgrelocate.restore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pgrelocate.archive.RestorePass;
import dev.pgrelocate.archive.TocEntry;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The parallel restore's order on a synthetic TOC, with jobs finishing in random order (seeded). */
class RestoreScheduleTest {
    private static final int PRE = TocEntry.SECTION_PRE_DATA;
    private static final int DATA = TocEntry.SECTION_DATA;
    private static final int POST = TocEntry.SECTION_POST_DATA;
    private static final int NONE = TocEntry.SECTION_NONE;

    private static final List<TocEntry> TOC = List.of(
            entry(1, "ENCODING", PRE),
            entry(10, "SCHEMA", PRE),
            entry(20, "TABLE", PRE, 10),
            entry(21, "TABLE", PRE, 10),
            entry(22, "COMMENT", NONE, 21),
            entry(30, "TABLE DATA", DATA, 20),
            entry(31, "TABLE DATA", DATA, 21),
            entry(32, "SEQUENCE SET", DATA, 999),
            entry(40, "CONSTRAINT", POST, 20),
            entry(41, "CONSTRAINT", POST, 21),
            entry(42, "INDEX", POST, 21),
            entry(43, "FK CONSTRAINT", POST, 21, 40),
            entry(44, "FK CONSTRAINT", POST, 21, 40),
            entry(45, "TRIGGER", POST, 21, 21, 999),
            entry(46, "COMMENT", NONE, 45),
            entry(50, "ACL", NONE, 10),
            entry(51, "MATERIALIZED VIEW DATA", POST, 21));
    private static final Map<Integer, Long> SIZES = Map.of(30, 100L, 31, 5000L);

    @Test
    void preDataFirstInTocOrderThenTheRestAfterTheirDependencies() {
        for (long seed = 0; seed < 200; seed++) {
            List<Integer> started = simulate(new Random(seed), 2);
            assertEquals(List.of(1, 10, 20, 21, 22), started.subList(0, 5), "seed " + seed);
            assertEquals(List.of(50, 51), started.subList(started.size() - 2, started.size()), "seed " + seed);
            assertEquals(TOC.size(), new HashSet<>(started).size());
        }
    }

    @Test
    void biggestDataFirst() {
        List<Integer> started = simulate(new Random(1), 1);
        assertEquals(31, started.get(5));
    }

    @Test
    void postDataWaitsForTheTableDataNotJustTheTable() {
        RestoreSchedule schedule = new RestoreSchedule(TOC, SIZES);
        assertEquals(List.of(31), schedule.dependenciesOf(byId(42)));
        assertEquals(List.of(31, 40), schedule.dependenciesOf(byId(43)));
        assertEquals(List.of(31, 31), schedule.dependenciesOf(byId(45)), "duplicates kept, ids not in the TOC ignored");
    }

    /**
     * Data of tables the TOC does not create (an extension's configuration tables, like PostGIS's
     * topology.topology and topology.layer) loads in TOC order, one after another: pg_dump orders
     * them by their foreign keys but records no dependency between them.
     */
    @Test
    void configurationTableDataLoadsInTocOrder() {
        List<TocEntry> toc = List.of(
                entry(1, "EXTENSION", PRE),
                entry(20, "TABLE", PRE),
                entry(30, "TABLE DATA", DATA, 20),
                entry(35, "TABLE DATA", DATA, 900),
                entry(36, "TABLE DATA", DATA, 901),
                entry(37, "TABLE DATA", DATA, 902));
        RestoreSchedule schedule = new RestoreSchedule(toc, Map.of(37, 1000L));
        assertEquals(List.of(20), schedule.dependenciesOf(toc.get(2)), "a table the TOC creates: as before");
        assertEquals(List.of(), schedule.dependenciesOf(toc.get(3)));
        assertEquals(List.of(35), schedule.dependenciesOf(toc.get(4)));
        assertEquals(List.of(36), schedule.dependenciesOf(toc.get(5)), "the biggest waits for its turn all the same");
    }

    /**
     * Runs the schedule with {@code jobs} workers; every start checks that all in-TOC dependencies
     * (as listed and as repointed) have finished and that no running entry locks the same table.
     */
    private static List<Integer> simulate(Random random, int jobs) {
        RestoreSchedule schedule = new RestoreSchedule(TOC, SIZES);
        List<Integer> started = new ArrayList<>();
        Set<Integer> done = new HashSet<>();
        for (TocEntry entry : schedule.serialFirst()) {
            start(entry, schedule, done, Set.of(), started);
            finish(entry, schedule, done);
        }
        Set<TocEntry> running = new LinkedHashSet<>();
        while (true) {
            TocEntry next = running.size() < jobs ? schedule.next(running) : null;
            if (next != null) {
                start(next, schedule, done, running, started);
                running.add(next);
                continue;
            }
            if (running.isEmpty()) {
                break;
            }
            TocEntry finished = new ArrayList<>(running).get(random.nextInt(running.size()));
            running.remove(finished);
            finish(finished, schedule, done);
        }
        for (RestorePass pass : RestorePass.values()) {
            for (TocEntry entry : schedule.unfinished(pass)) {
                start(entry, schedule, done, Set.of(), started);
                finish(entry, schedule, done);
            }
        }
        return started;
    }

    private static void start(TocEntry entry, RestoreSchedule schedule, Set<Integer> done, Set<TocEntry> running,
            List<Integer> started) {
        for (String dep : entry.dependencies()) {
            int id = Integer.parseInt(dep);
            if (byId(id) != null) {
                assertTrue(done.contains(id), entry.dumpId() + " started before its dependency " + id);
            }
        }
        schedule.dependenciesOf(entry).forEach(id -> assertTrue(done.contains(id), entry.dumpId() + " before " + id));
        boolean fk = entry.desc().equals("FK CONSTRAINT");
        assertFalse(fk && running.stream().anyMatch(r -> r.desc().equals("FK CONSTRAINT")),
                "two foreign keys of one table at once");
        started.add(entry.dumpId());
    }

    private static void finish(TocEntry entry, RestoreSchedule schedule, Set<Integer> done) {
        done.add(entry.dumpId());
        schedule.finished(entry);
    }

    private static TocEntry byId(int id) {
        return TOC.stream().filter(e -> e.dumpId() == id).findFirst().orElse(null);
    }

    private static TocEntry entry(int id, String desc, int section, Integer... deps) {
        return TocEntry.builder().dumpId(id).desc(desc).tag("t" + id).section(section).defn("SELECT " + id + ";\n")
                .hadDumper(desc.equals("TABLE DATA")).dependencies(java.util.Arrays.stream(deps).map(String::valueOf)
                        .toList()).build();
    }
}
