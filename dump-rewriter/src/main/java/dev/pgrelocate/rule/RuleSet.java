package dev.pgrelocate.rule;

import dev.pgrelocate.RewriteOptions;

import java.util.ArrayList;
import java.util.List;

/** The rules a set of options turns on, in the order they run on each statement. */
public record RuleSet(List<StatementRule> statementRules, List<MetaCommandRule> metaCommandRules) {

    public static RuleSet forOptions(RewriteOptions options) {
        // Rules that drop a statement run first: a dropped statement is not looked at again.
        List<StatementRule> statements = List.of(
                new EventTriggerRule(),
                new ExtensionCommentRule(),
                new OwnerRule(),
                new AclRule(),
                new RoleMapRule(),
                new EnsureTargetSchemaRule(),
                new CreateSchemaIfNotExistsRule(),
                new ExtensionSchemaRule(),
                new ExtensionReferenceRule(),
                new DropTargetSchemaRule(),
                new PlatformOwnedSchemaRule(),
                new SearchPathRule());
        List<MetaCommandRule> meta = new ArrayList<>();
        if (options.stripRestrict()) {
            meta.add(new StripRestrictRule());
        }
        return new RuleSet(statements, List.copyOf(meta));
    }
}
