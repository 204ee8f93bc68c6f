package dev.signaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.signaling.config.SignalingConfig;
import io.smallrye.config.WithDefault;

/** The README's configuration table lists exactly the keys of {@link SignalingConfig}, with the same defaults. */
class ConfigurationTableTest {
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
