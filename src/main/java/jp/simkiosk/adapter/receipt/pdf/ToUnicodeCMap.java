package jp.simkiosk.adapter.receipt.pdf;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Writes a ToUnicode CMap (PDF 32000-1, 9.10.3) for a Type 0 font with two-byte codes: which Unicode code
 * point each character code stands for. Text extraction, search and copy read it.
 */
final class ToUnicodeCMap {

    /** The CMap syntax allows at most 100 entries per bfchar block. */
    private static final int MAX_ENTRIES_PER_BLOCK = 100;

    private ToUnicodeCMap() {}

    static byte[] of(Map<Integer, Integer> codeToCodePoint) {
        SortedMap<Integer, Integer> sorted = new TreeMap<>(codeToCodePoint);
        StringBuilder cmap = new StringBuilder(256 + sorted.size() * 24);
        cmap.append("/CIDInit /ProcSet findresource begin\n")
                .append("12 dict begin\n")
                .append("begincmap\n")
                .append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n")
                .append("/CMapName /Adobe-Identity-UCS def\n")
                .append("/CMapType 2 def\n")
                .append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        List<Map.Entry<Integer, Integer>> entries = new ArrayList<>(sorted.entrySet());
        for (int from = 0; from < entries.size(); from += MAX_ENTRIES_PER_BLOCK) {
            List<Map.Entry<Integer, Integer>> block =
                    entries.subList(from, Math.min(entries.size(), from + MAX_ENTRIES_PER_BLOCK));
            cmap.append(block.size()).append(" beginbfchar\n");
            for (Map.Entry<Integer, Integer> e : block) {
                cmap.append('<').append(String.format("%04X", e.getKey())).append("> <");
                for (char c : Character.toChars(e.getValue())) cmap.append(String.format("%04X", (int) c));
                cmap.append(">\n");
            }
            cmap.append("endbfchar\n");
        }
        cmap.append("endcmap\n")
                .append("CMapName currentdict /CMap defineresource pop\n")
                .append("end\nend\n");
        return cmap.toString().getBytes(StandardCharsets.US_ASCII);
    }
}
