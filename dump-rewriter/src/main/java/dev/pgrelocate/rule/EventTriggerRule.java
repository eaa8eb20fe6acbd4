package dev.pgrelocate.rule;

import dev.pgrelocate.statement.Statement;
import dev.pgrelocate.statement.Token;

import java.util.List;

/**
 * {@code --no-event-triggers}: managed platforms refuse {@code CREATE EVENT TRIGGER} from anyone
 * but a superuser (imports into Neon from Heroku and Supabase fail on exactly this), so the event
 * trigger goes with its comment, owner and enable/disable statements.
 */
public final class EventTriggerRule implements StatementRule {
    public static final String ID = "no-event-triggers";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public void apply(Statement s, RuleContext context) {
        if (!context.options().noEventTriggers()) {
            return;
        }
        List<Token> significant = DumpDefinitions.significant(s);
        String text = s.text();
        // Everything in pg_dump's EVENT TRIGGER entry goes, the SET SESSION AUTHORIZATION of a
        // --use-set-session-authorization dump included (it names the superuser who created it).
        boolean eventTrigger = context.tocEntryType().equals("EVENT TRIGGER")
                || Words.are(significant, 0, text, "CREATE", "EVENT", "TRIGGER")
                || Words.are(significant, 0, text, "ALTER", "EVENT", "TRIGGER")
                || Words.are(significant, 0, text, "COMMENT", "ON", "EVENT", "TRIGGER")
                || Words.are(significant, 0, text, "DROP", "EVENT", "TRIGGER");
        if (eventTrigger) {
            context.drop(ID, "removed " + s.firstLine().strip(),
                    Words.are(significant, 0, text, "CREATE", "EVENT") ? "only a superuser may create an event trigger" : null);
        }
    }
}
