package dev.pgrelocate.testing;

import java.util.ArrayList;
import java.util.List;

/**
 * A unified diff of two lists of lines ({@code diff -u} style, 3 lines of context), for test
 * failure messages. Empty when the lists are equal.
 *
 * <p>Minimal (longest common subsequence) when the part between the common prefix and suffix is
 * small enough to compare line by line ({@value #MAX_CELLS} line pairs); beyond that the whole
 * middle is shown as removed and added, which is still a correct diff, only a longer one.
 */
public final class LineDiff {

    static final int CONTEXT = 3;
    static final long MAX_CELLS = 4_000_000L;

    private LineDiff() {
    }

    private enum Kind { SAME, REMOVED, ADDED }

    /** One line of the edit script; {@code a}/{@code b} are 0-based line numbers in each list. */
    private record Edit(Kind kind, int a, int b, String text) {
    }

    public static String unified(String expectedLabel, List<String> expected, String actualLabel, List<String> actual) {
        List<Edit> edits = edits(expected, actual);
        if (edits.stream().allMatch(edit -> edit.kind() == Kind.SAME)) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(expectedLabel).append('\n');
        out.append("+++ ").append(actualLabel).append('\n');
        int i = 0;
        while (i < edits.size()) {
            if (edits.get(i).kind() == Kind.SAME) {
                i++;
                continue;
            }
            // A hunk: from CONTEXT lines before this change to CONTEXT lines after the last change
            // that is at most 2 * CONTEXT unchanged lines away from the previous one.
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            int sameRun = 0;
            for (int j = i; j < edits.size(); j++) {
                if (edits.get(j).kind() == Kind.SAME) {
                    sameRun++;
                    if (sameRun > 2 * CONTEXT) {
                        break;
                    }
                } else {
                    sameRun = 0;
                    end = j;
                }
            }
            int stop = Math.min(edits.size(), end + CONTEXT + 1);
            appendHunk(out, edits.subList(start, stop));
            i = stop;
        }
        return out.toString();
    }

    private static void appendHunk(StringBuilder out, List<Edit> hunk) {
        int firstA = -1;
        int firstB = -1;
        int countA = 0;
        int countB = 0;
        for (Edit edit : hunk) {
            if (edit.kind() != Kind.ADDED) {
                if (firstA < 0) {
                    firstA = edit.a();
                }
                countA++;
            }
            if (edit.kind() != Kind.REMOVED) {
                if (firstB < 0) {
                    firstB = edit.b();
                }
                countB++;
            }
        }
        // diff -u numbers an empty range by the line before it.
        int startA = countA == 0 ? hunk.get(0).a() : firstA + 1;
        int startB = countB == 0 ? hunk.get(0).b() : firstB + 1;
        out.append("@@ -").append(startA).append(',').append(countA)
                .append(" +").append(startB).append(',').append(countB).append(" @@\n");
        for (Edit edit : hunk) {
            char sign = switch (edit.kind()) {
                case SAME -> ' ';
                case REMOVED -> '-';
                case ADDED -> '+';
            };
            out.append(sign).append(edit.text()).append('\n');
        }
    }

    /** The full edit script; for REMOVED lines {@code b} is where they would be in the actual list, and vice versa. */
    private static List<Edit> edits(List<String> a, List<String> b) {
        int prefix = 0;
        while (prefix < a.size() && prefix < b.size() && a.get(prefix).equals(b.get(prefix))) {
            prefix++;
        }
        int suffix = 0;
        while (suffix < a.size() - prefix && suffix < b.size() - prefix
                && a.get(a.size() - 1 - suffix).equals(b.get(b.size() - 1 - suffix))) {
            suffix++;
        }
        List<Edit> edits = new ArrayList<>();
        for (int k = 0; k < prefix; k++) {
            edits.add(new Edit(Kind.SAME, k, k, a.get(k)));
        }
        middle(a.subList(prefix, a.size() - suffix), b.subList(prefix, b.size() - suffix), prefix, prefix, edits);
        for (int k = suffix; k > 0; k--) {
            int ai = a.size() - k;
            int bi = b.size() - k;
            edits.add(new Edit(Kind.SAME, ai, bi, a.get(ai)));
        }
        return edits;
    }

    private static void middle(List<String> a, List<String> b, int offsetA, int offsetB, List<Edit> edits) {
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_CELLS) {
            for (int i = 0; i < n; i++) {
                edits.add(new Edit(Kind.REMOVED, offsetA + i, offsetB, a.get(i)));
            }
            for (int j = 0; j < m; j++) {
                edits.add(new Edit(Kind.ADDED, offsetA + n, offsetB + j, b.get(j)));
            }
            return;
        }
        // lcs[i][j] = length of the longest common subsequence of a[i..] and b[j..]
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                edits.add(new Edit(Kind.SAME, offsetA + i, offsetB + j, a.get(i)));
                i++;
                j++;
            } else if (i < n && (j == m || lcs[i + 1][j] >= lcs[i][j + 1])) {
                // removals first, as diff -u shows them
                edits.add(new Edit(Kind.REMOVED, offsetA + i, offsetB + j, a.get(i)));
                i++;
            } else {
                edits.add(new Edit(Kind.ADDED, offsetA + i, offsetB + j, b.get(j)));
                j++;
            }
        }
    }
}
