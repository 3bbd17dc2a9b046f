package jp.simkiosk.adapter.receipt.pdf;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Breaks text into lines no wider than a given width. Lines break after spaces and between Chinese or
 * Japanese characters (which are written without spaces), but not before closing punctuation or small kana
 * nor after opening brackets (basic kinsoku). A word wider than the line is cut between characters.
 */
final class LineBreaker {

    /** Width of a string as it will be drawn. */
    @FunctionalInterface
    interface Measure {
        float width(String text) throws IOException;
    }

    private static final String NO_BREAK_BEFORE =
            ")]}>,.:;!?%、。，．・：；？！）］｝〕〉》」』】ー～ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮ";
    private static final String NO_BREAK_AFTER = "([{<（［｛〔〈《「『【¥￥";

    private LineBreaker() {}

    static List<String> lines(String text, float maxWidth, Measure measure) throws IOException {
        List<String> lines = new ArrayList<>();
        String rest = text.strip();
        while (!rest.isEmpty()) {
            if (measure.width(rest) <= maxWidth) {
                lines.add(rest);
                break;
            }
            int cut = lastFittingBreak(rest, maxWidth, measure);
            if (cut <= 0) cut = lastFittingChar(rest, maxWidth, measure);
            lines.add(rest.substring(0, cut).stripTrailing());
            rest = rest.substring(cut).stripLeading();
        }
        if (lines.isEmpty()) lines.add("");
        return lines;
    }

    /** The last break opportunity where the text before it fits, or 0. */
    private static int lastFittingBreak(String text, float maxWidth, Measure measure) throws IOException {
        int best = 0;
        int previous = text.codePointAt(0);
        for (int i = Character.charCount(previous); i < text.length(); ) {
            int current = text.codePointAt(i);
            if (canBreakBetween(previous, current)) {
                if (measure.width(text.substring(0, i).stripTrailing()) > maxWidth) break;
                best = i;
            }
            previous = current;
            i += Character.charCount(current);
        }
        return best;
    }

    /** As many whole code points as fit, at least one. */
    private static int lastFittingChar(String text, float maxWidth, Measure measure) throws IOException {
        int end = Character.charCount(text.codePointAt(0));
        while (end < text.length()) {
            int next = end + Character.charCount(text.codePointAt(end));
            if (measure.width(text.substring(0, next)) > maxWidth) break;
            end = next;
        }
        return end;
    }

    static boolean canBreakBetween(int previous, int current) {
        if (Character.isWhitespace(current)) return false; // break after the space instead
        if (Character.isWhitespace(previous)) return true;
        if (NO_BREAK_BEFORE.indexOf(current) >= 0 || NO_BREAK_AFTER.indexOf(previous) >= 0) return false;
        return isWrittenWithoutSpaces(previous) || isWrittenWithoutSpaces(current);
    }

    /** Han, kana and CJK punctuation: lines may break between any two of them. Hangul uses spaces. */
    private static boolean isWrittenWithoutSpaces(int codePoint) {
        Character.UnicodeScript script = Character.UnicodeScript.of(codePoint);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(codePoint);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS;
    }
}
