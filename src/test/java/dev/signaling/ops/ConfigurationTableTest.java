package dev.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.signaling.config.SignalingConfig;
import io.smallrye.config.WithDefault;

/**
 * The README's configuration table lists exactly the keys of {@link SignalingConfig}, with the same defaults; and the
 * environment variables the project names are those keys.
 */
class ConfigurationTableTest {
    private static final Pattern ENV = Pattern.compile("\\bSIGNALING_[A-Z0-9_]*[A-Z0-9]");
    private static final Pattern ROW = Pattern.compile("^\\| `(signaling\\.[^`]+)` \\| (?:`([^`]*)`|\\(none\\)) \\|",
            Pattern.MULTILINE);

    @Test
    void readmeTableMatchesTheConfigMapping() throws IOException {
        Map<String, String> inCode = new TreeMap<>();
        collect(SignalingConfig.class, "signaling.", inCode);

        Map<String, String> inReadme = new TreeMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            inReadme.put(row.group(1), row.group(2) == null ? "" : row.group(2));
        }
        assertThat(inReadme).isEqualTo(inCode);
    }

    /**
     * Every {@code SIGNALING_*} environment variable the project names (manifests, Dockerfiles, benchmark scripts,
     * documents) is one of those keys: Quarkus ignores a variable that matches no key, so a misspelt one in a
     * manifest or in {@code bench/lib.sh} would leave the default in place without a word.
     */
    @Test
    void everyEnvironmentVariableTheProjectNamesIsAKey() throws IOException {
        Map<String, String> keys = new TreeMap<>();
        collect(SignalingConfig.class, "signaling.", keys);
        Set<String> variables = keys.keySet().stream()
                .map(key -> key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")).collect(Collectors.toSet());

        Map<Path, Set<String>> named = new TreeMap<>();
        for (String place : List.of("README.md", "docs", "deploy", "src/main/docker", "bench", ".ci")) {
            try (Stream<Path> files = Files.walk(Path.of(place))) {
                for (Path file : files.filter(ConfigurationTableTest::isProjectText).toList()) {
                    Matcher variable = ENV.matcher(Files.readString(file));
                    while (variable.find()) {
                        named.computeIfAbsent(file, f -> new TreeSet<>()).add(variable.group());
                    }
                }
            }
        }
        assertThat(named).as("files that name SIGNALING_* variables").containsKey(Path.of("bench", "lib.sh"));
        named.forEach((file, names) -> assertThat(names).as("in %s", file).isSubsetOf(variables));
    }

    private static boolean isProjectText(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !file.toString().contains("node_modules")
                && !file.toString().contains("target") && !name.endsWith(".jsonl") && !name.endsWith(".png")
                && !name.endsWith(".collapsed") && !name.endsWith(".jar");
    }

    /** Walks a mapping interface: nested interfaces are groups, lists of groups are indexed with [n]. */
    private static void collect(Class<?> mapping, String prefix, Map<String, String> keys) {
        for (Method method : mapping.getDeclaredMethods()) {
            if (method.isDefault() || method.isSynthetic() || java.lang.reflect.Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            String key = prefix + kebab(method.getName());
            Class<?> group = groupOf(method.getGenericReturnType());
            if (group != null) {
                boolean indexed = method.getGenericReturnType().getTypeName().contains("List<");
                collect(group, key + (indexed ? "[n]." : "."), keys);
            } else {
                WithDefault value = method.getAnnotation(WithDefault.class);
                keys.put(key, value == null ? "" : value.value());
            }
        }
    }

    /** The group interface a method returns (directly, or inside Optional/List), or null for a leaf value. */
    private static Class<?> groupOf(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            return groupOf(parameterized.getActualTypeArguments()[0]);
        }
        if (type instanceof Class<?> cls && cls.isInterface() && cls.getName().startsWith("dev.signaling.")) {
            return cls;
        }
        return null;
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
    }
}
