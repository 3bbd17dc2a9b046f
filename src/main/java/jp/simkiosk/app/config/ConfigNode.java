package jp.simkiosk.app.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * One place in a YAML configuration file: the value found there (or its absence), the file, and the key
 * path that leads to it ({@code devices.simDispenser.baud}, {@code plans[3].name.ko}). Every read checks
 * the value and, when it is wrong, throws a {@link ConfigException} naming the file, that key path and
 * what is wrong, so that the loaders can walk the tree without composing messages themselves.
 */
final class ConfigNode {

    /** The key reported for problems with a file as a whole (missing, empty, not YAML). */
    static final String WHOLE_FILE = "(file)";

    /** How Jackson reports a key given twice in one mapping. */
    private static final Pattern DUPLICATE_KEY = Pattern.compile("Duplicate field '(.*)'");

    private final Path file;
    private final String path;
    private final JsonNode node;

    private ConfigNode(Path file, String path, JsonNode node) {
        this.file = file;
        this.path = path;
        this.node = node;
    }

    /**
     * Reads a YAML file (UTF-8, one document) whose top level is a mapping.
     *
     * @param file an absolute, normalized path
     */
    static ConfigNode read(Path file) throws ConfigException {
        if (!Files.exists(file)) throw new ConfigException(file, WHOLE_FILE, "does not exist");
        if (!Files.isRegularFile(file)) throw new ConfigException(file, WHOLE_FILE, "is not a regular file");
        String text;
        try {
            text = Files.readString(file);
        } catch (CharacterCodingException e) {
            throw new ConfigException(file, WHOLE_FILE, "is not UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(file, WHOLE_FILE, "cannot be read: " + oneLine(e.toString()));
        }
        return parse(file, text, new YAMLMapper());
    }

    /**
     * Parses a document already in memory, YAML or JSON by {@code mapper}, whose top level is a mapping.
     *
     * @param file names the document in messages (for a document from the network, a label such as
     *             {@code upstream-catalog.json}); relative paths in it would resolve against its parent
     */
    static ConfigNode parse(Path file, String text, ObjectMapper mapper) throws ConfigException {
        mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        JsonNode root;
        try (JsonParser parser = mapper.createParser(text)) {
            root = mapper.readTree(parser);
            if (parser.nextToken() != null) {
                throw new ConfigException(file, at(parser.currentLocation()),
                        "a second YAML document begins here (after a --- line); a configuration file holds exactly one");
            }
        } catch (JsonProcessingException e) {
            throw syntaxError(file, e);
        } catch (IOException e) {
            throw new ConfigException(file, WHOLE_FILE, "cannot be read: " + oneLine(e.toString()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new ConfigException(file, WHOLE_FILE, "is empty");
        }
        if (!root.isObject()) {
            throw new ConfigException(file, WHOLE_FILE, "must be a mapping of keys at the top level, got " + describe(root));
        }
        return new ConfigNode(file, "", root);
    }

    private static ConfigException syntaxError(Path file, JsonProcessingException e) {
        if (e.getCause() instanceof MarkedYAMLException yaml && yaml.getProblemMark() != null) {
            Mark mark = yaml.getProblemMark();
            return new ConfigException(file, "line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1),
                    "not valid YAML: " + oneLine(yaml.getProblem()));
        }
        String message = e.getOriginalMessage();
        String firstLine = message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse("");
        Matcher duplicate = DUPLICATE_KEY.matcher(firstLine);
        String problem = duplicate.matches() ? "key \"" + duplicate.group(1) + "\" is given twice" : oneLine(firstLine);
        return new ConfigException(file, at(e.getLocation()), "not valid YAML: " + problem);
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) return WHOLE_FILE;
        return "line " + location.getLineNr() + ", column " + location.getColumnNr();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
    }

    /** The key path of this value, e.g. {@code devices.cardReader.port}. */
    String key() {
        return path;
    }

    /** True when the value is text (quoted or not). */
    boolean isText() {
        return node != null && node.isTextual();
    }

    /** True when the key is there and has a value ({@code key:} with nothing after it counts as absent). */
    boolean isPresent() {
        return node != null && !node.isNull() && !node.isMissingNode();
    }

    /** A problem with this value, ready to throw. */
    ConfigException problem(String reason) {
        return new ConfigException(file, path.isEmpty() ? WHOLE_FILE : path, reason);
    }

    /** Checks that this value is a mapping, whatever its keys (check them later with {@link #mapping}). */
    ConfigNode anyMapping() throws ConfigException {
        requirePresent();
        if (!node.isObject()) throw problem("must be a mapping of keys, got " + describe(node));
        return this;
    }

    /** Checks that this value is a mapping using none but the allowed keys (typos must not pass silently). */
    ConfigNode mapping(String... allowedKeys) throws ConfigException {
        anyMapping();
        List<String> allowed = Arrays.asList(allowedKeys);
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!allowed.contains(key)) {
                throw get(key).problem("unknown key; expected one of " + String.join(", ", allowed));
            }
        }
        return this;
    }

    /** The value under {@code key} of this mapping, which must be there. */
    ConfigNode required(String key) throws ConfigException {
        ConfigNode c = get(key);
        c.requirePresent();
        return c;
    }

    /** The value under {@code key} of this mapping, which may be absent. */
    ConfigNode get(String key) {
        String childPath = path.isEmpty() ? key : path + "." + key;
        return new ConfigNode(file, childPath, node == null ? null : node.get(key));
    }

    private void requirePresent() throws ConfigException {
        if (!isPresent()) throw problem("missing");
    }

    /** The items of this list, which must not be empty, each with its index in the key path ({@code plans[3]}). */
    List<ConfigNode> nonEmptyList() throws ConfigException {
        requirePresent();
        if (!node.isArray()) throw problem("must be a list, got " + describe(node));
        if (node.isEmpty()) throw problem("must list at least one item");
        List<ConfigNode> items = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++) {
            items.add(new ConfigNode(file, path + "[" + i + "]", node.get(i)));
        }
        return items;
    }

    /** One line of text, not blank, at most {@code maxLength} characters; surrounding blanks removed. */
    String text(int maxLength) throws ConfigException {
        requirePresent();
        if (!node.isTextual()) throw problem("must be text, got " + describe(node));
        String s = node.textValue().strip();
        if (s.isEmpty()) throw problem("must not be empty");
        if (s.chars().anyMatch(Character::isISOControl)) throw problem("must be one line of text without control characters");
        if (s.length() > maxLength) throw problem("must be at most " + maxLength + " characters, got " + s.length());
        return s;
    }

    /** A whole number from {@code min} to {@code max}; {@code what} names it in the message ("a whole number of seconds"). */
    long whole(String what, long min, long max) throws ConfigException {
        requirePresent();
        String expected = "must be " + what + " from " + min + " to " + max + ", got ";
        if (!node.isIntegralNumber()) throw problem(expected + describe(node));
        if (!node.canConvertToLong() || node.longValue() < min || node.longValue() > max) {
            throw problem(expected + node.asText());
        }
        return node.longValue();
    }

    /** A whole number that must be one of {@code allowed}; {@code what} names it ("a standard baud rate"). */
    int wholeOneOf(String what, List<Integer> allowed) throws ConfigException {
        requirePresent();
        if (!node.isIntegralNumber() || !node.canConvertToInt() || !allowed.contains(node.intValue())) {
            List<String> words = new ArrayList<>();
            for (Integer i : allowed) words.add(i.toString());
            throw problem("must be " + what + " (" + String.join(", ", words) + "), got " + describe(node));
        }
        return node.intValue();
    }

    /** {@code true} or {@code false} (not "yes", not quoted). */
    boolean bool() throws ConfigException {
        requirePresent();
        if (!node.isBoolean()) throw problem("must be true or false, got " + describe(node));
        return node.booleanValue();
    }

    /**
     * One of the constants of {@code type}, written in lower case with '-' for '_' ({@code FULL_SCREEN} is
     * {@code full-screen}); the message lists the words in declaration order.
     */
    <E extends Enum<E>> E oneOf(Class<E> type) throws ConfigException {
        requirePresent();
        List<String> words = new ArrayList<>();
        for (E e : type.getEnumConstants()) {
            String word = e.name().toLowerCase(Locale.ROOT).replace('_', '-');
            if (node.isTextual() && node.textValue().equals(word)) return e;
            words.add(word);
        }
        throw problem("must be one of " + String.join(", ", words) + ", got " + describe(node));
    }

    /** A path, resolved against the folder of this file; the result is absolute and normalized. */
    Path filePath(int maxLength) throws ConfigException {
        String s = text(maxLength);
        try {
            return file.getParent().resolve(s).normalize();
        } catch (InvalidPathException e) {
            throw problem("is not a valid path: " + describe(node));
        }
    }

    /** A path that must name an existing regular file. */
    Path existingFile() throws ConfigException {
        Path p = filePath(1024);
        if (!Files.isRegularFile(p)) {
            throw problem(Files.exists(p) ? "is not a regular file: " + p : "no such file: " + p);
        }
        return p;
    }

    /** The value as it was written, for messages: quoted text, a number, or what kind of thing it is. */
    static String describe(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) return "nothing";
        if (n.isTextual()) {
            String s = n.textValue();
            if (s.length() > 60) s = s.substring(0, 59) + "…";
            return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n").replace("\t", "\\t") + '"';
        }
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        return n.asText();
    }

    /** The value of this node for messages. */
    String describe() {
        return describe(node);
    }
}
