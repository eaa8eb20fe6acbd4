package dev.pgrelocate.rule;

import dev.pgrelocate.lex.TokenKind;
import dev.pgrelocate.statement.Token;

import java.util.List;
import java.util.Locale;

/** Small token-list predicates shared by the role rules. */
final class Words {
    private Words() {
    }

    /** True when {@code significant[i]} is the keyword {@code word} (upper case). */
    static boolean is(List<Token> significant, int i, String text, String word) {
        if (i < 0 || i >= significant.size()) {
            return false;
        }
        Token t = significant.get(i);
        return t.kind() == TokenKind.IDENTIFIER && text.substring(t.start(), t.end()).toUpperCase(Locale.ROOT).equals(word);
    }

    /** True when the keywords follow each other from {@code i}. */
    static boolean are(List<Token> significant, int i, String text, String... words) {
        for (int k = 0; k < words.length; k++) {
            if (!is(significant, i + k, text, words[k])) {
                return false;
            }
        }
        return true;
    }

    /** The statement's first keyword is one of {@code words}. */
    static boolean startsWith(List<Token> significant, String text, String... words) {
        for (String w : words) {
            if (is(significant, 0, text, w)) {
                return true;
            }
        }
        return false;
    }
}
