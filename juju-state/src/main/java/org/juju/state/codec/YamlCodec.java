package org.juju.state.codec;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.juju.state.error.InvalidInputException;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * The one place YAML is read and written: files users give us (environments.yaml, charm metadata,
 * config, deploy --config) and znode data. SnakeYAML's YAML 1.1 rules apply, as in the original
 * (PyYAML): {@code yes}/{@code off} are booleans and {@code 017} is octal. Output never uses
 * anchors or aliases. Only plain data is produced (maps, lists, strings,
 * numbers, booleans, null): no custom tags are ever constructed. Not thread-safe state is kept
 * per call, so the methods are safe to call from any thread.
 */
public final class YamlCodec {
    /** Documents larger than this are refused; far above any legitimate file or znode. */
    public static final int MAX_CODE_POINTS = 4 * 1024 * 1024;
    /** Deepest nesting of mappings and lists accepted; real documents stay under ten. */
    public static final int MAX_NESTING = 50;
    /** Aliases ({@code *name}) to mappings or lists accepted in one document. */
    public static final int MAX_COLLECTION_ALIASES = 50;
    /**
     * A Yaml instance is costly to build and not thread-safe: one per thread, reused, and dropped
     * after a failure so no state of a failed document carries over.
     */
    private static final ThreadLocal<Yaml> YAML = ThreadLocal.withInitial(YamlCodec::newYaml);

    private YamlCodec() {
    }

    /**
     * Parses a YAML document whose top level must be a mapping.
     *
     * @param text   the document
     * @param source what the document is (a file name or a znode path), used in error messages
     * @return the mapping (insertion ordered); an empty document gives an empty map
     * @throws InvalidInputException naming {@code source}, the line and the problem
     */
    public static Map<String, Object> parseMap(String text, String source) {
        Object value = parse(text, source);
        if (value == null) {
            return new LinkedHashMap<>();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new InvalidInputException(source + ": expected a mapping at the top level, found "
                    + describe(value));
        }
        Map<String, Object> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            result.put(String.valueOf(e.getKey()), e.getValue());
        }
        return result;
    }

    /**
     * Parses a YAML document of any shape; {@code null} for an empty document. Hostile documents are
     * refused with an {@link InvalidInputException} naming {@code source}: more than
     * {@link #MAX_CODE_POINTS} characters, nesting deeper than {@link #MAX_NESTING}, more than
     * {@link #MAX_COLLECTION_ALIASES} aliases to collections, a structure that contains itself, one
     * that would expand to more than {@link YamlShape#MAX_EXPANDED_NODES} values when walked
     * ("billion laughs"), and values other than plain data ({@code !!binary}, {@code !!set}).
     */
    public static Object parse(String text, String source) {
        if (text.isEmpty()) {
            return null;
        }
        Object value;
        try {
            value = YAML.get().load(text);
        } catch (MarkedYAMLException e) {
            YAML.remove();
            String where = e.getProblemMark() == null ? "" : " at line " + (e.getProblemMark().getLine() + 1);
            throw new InvalidInputException(source + ": invalid YAML" + where + ": " + oneLine(e.getProblem()), e);
        } catch (YAMLException e) {
            YAML.remove();
            throw new InvalidInputException(source + ": invalid YAML: " + oneLine(e.getMessage()), e);
        } catch (RuntimeException | StackOverflowError e) {
            // SnakeYAML's own bugs on hostile input (a scalar it cannot construct, a parser limit it
            // reports with an unchecked exception of its own): still bad input, named as such.
            YAML.remove();
            throw new InvalidInputException(source + ": invalid YAML: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + oneLine(e.getMessage())), e);
        }
        YamlShape.check(value, source);
        return value;
    }

    /** Parses UTF-8 znode data as a mapping. */
    public static Map<String, Object> parseMap(byte[] data, String source) {
        return parseMap(data == null ? "" : new String(data, StandardCharsets.UTF_8), source);
    }

    /** Writes plain data as a block-style YAML document. */
    public static String dump(Object data) {
        try {
            return YAML.get().dump(data);
        } catch (RuntimeException e) {
            YAML.remove();   // a failed dump may leave state behind in the instance
            throw e;
        }
    }

    /** Writes plain data as UTF-8 YAML bytes, the form stored in znodes. */
    public static byte[] dumpBytes(Object data) {
        return dump(data).getBytes(StandardCharsets.UTF_8);
    }

    /** A short name for the YAML type of {@code value}, for error messages. */
    public static String describe(Object value) {
        if (value == null) {
            return "nothing";
        }
        if (value instanceof Map) {
            return "a mapping";
        }
        if (value instanceof java.util.List) {
            return "a list";
        }
        if (value instanceof Boolean) {
            return "a boolean";
        }
        if (value instanceof Number) {
            return "a number";
        }
        return "a string";
    }

    private static Yaml newYaml() {
        LoaderOptions loader = new LoaderOptions();
        loader.setAllowDuplicateKeys(false);
        loader.setCodePointLimit(MAX_CODE_POINTS);
        loader.setMaxAliasesForCollections(MAX_COLLECTION_ALIASES);
        loader.setNestingDepthLimit(MAX_NESTING);
        loader.setAllowRecursiveKeys(false);
        DumperOptions dumper = new DumperOptions();
        dumper.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        dumper.setIndicatorIndent(0);
        dumper.setSplitLines(false);
        dumper.setDereferenceAliases(true);
        return new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader);
    }

    private static String oneLine(String text) {
        return text == null ? "" : text.replaceAll("\\s+", " ").trim();
    }
}
