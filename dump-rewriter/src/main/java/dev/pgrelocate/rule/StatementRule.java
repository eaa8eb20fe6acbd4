package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;

/**
 * A named, pure rewrite step. Contract: given a complete statement, it records its edits (or a
 * drop) in the context and nothing else; bytes it does not edit are copied unchanged by the
 * writer. Every rule is idempotent: on its own output it records nothing.
 */
public interface StatementRule {

    /** Stable id used in reports, e.g. {@code extension-schema}. */
    String id();

    void apply(Statement statement, RuleContext context);

    /** Called once after the last statement, for rules that report on the stream as a whole. */
    default void finish(RuleContext context) {
    }
}
