package io.bazaar.shared.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A short fingerprint of the JSON a view type serialises to, for caches that keep views as JSON text and serve it
 * as is: a cache keyed by it never answers a shape the running code would not write. It covers the view's record
 * components (names, declared types with their type arguments, and their annotations, e.g. {@code @JsonInclude}),
 * the same of every record it nests, the constants of the enums it uses, and the mapper's naming strategy and
 * features; not the records' own names, which the JSON does not show. Adding, removing, renaming or retyping a field anywhere in the view changes it, so after an upgrade
 * the new code reads and writes new keys and the old entries expire unread.
 *
 * <p>What it cannot see is a change in how a custom serializer writes an unchanged type; a cache that depends on
 * one names its own version in its key as well.
 */
public final class ViewShape {
    private ViewShape() {
    }

    /** Twelve hex digits (48 bits of SHA-256) of the shape of {@code view} written by {@code mapper}. */
    public static String of(Class<?> view, ObjectMapper mapper) {
        StringBuilder shape = new StringBuilder(512);
        var config = mapper.getSerializationConfig();
        shape.append(config.getPropertyNamingStrategy() == null ? "-" : config.getPropertyNamingStrategy().getClass()
                .getName()).append('|').append(config.getSerializationFeatures()).append('|')
                .append(config.getDefaultPropertyInclusion()).append('|');
        shape.append(description(view));
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(shape.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** What the fingerprint digests (for tests). */
    static String description(Type view) {
        StringBuilder shape = new StringBuilder(512);
        describe(view, shape, new ArrayList<>());
        return shape.toString();
    }

    /**
     * Records and enums by their structure, not their names (renaming a view type does not change its JSON);
     * other types by name. A record met again (a tree) is named by the order it was first met in.
     */
    private static void describe(Type type, StringBuilder out, List<Class<?>> seen) {
        if (type instanceof ParameterizedType p) {
            describe(p.getRawType(), out, seen);
            out.append('<');
            for (Type argument : p.getActualTypeArguments()) {
                describe(argument, out, seen);
                out.append(',');
            }
            out.append('>');
        } else if (type instanceof GenericArrayType a) {
            describe(a.getGenericComponentType(), out, seen);
            out.append("[]");
        } else if (type instanceof Class<?> c && c.isRecord()) {
            int earlier = seen.indexOf(c);
            if (earlier >= 0) {
                out.append('^').append(earlier);
                return;
            }
            seen.add(c);
            annotations(c, out);
            out.append('{');
            for (RecordComponent component : c.getRecordComponents()) {
                out.append(component.getName()).append(':');
                annotations(component.getAccessor(), out);
                annotations(field(c, component.getName()), out);
                describe(component.getGenericType(), out, seen);
                out.append(';');
            }
            out.append('}');
        } else if (type instanceof Class<?> c && c.isEnum()) {
            out.append(Arrays.toString(c.getEnumConstants()));
        } else if (type instanceof Class<?> c && c.isArray()) {
            describe(c.getComponentType(), out, seen);
            out.append("[]");
        } else if (type instanceof Class<?> c) {
            out.append(c.getName());
        } else {
            out.append(type.getTypeName()); // a wildcard or type variable
        }
    }

    private static Field field(Class<?> record, String name) {
        try {
            return record.getDeclaredField(name);
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("a record has a field per component", e);
        }
    }

    /** Annotations in a stable order (their {@code toString} names their values). */
    private static void annotations(AnnotatedElement element, StringBuilder out) {
        Arrays.stream(element.getDeclaredAnnotations()).map(Object::toString).sorted(Comparator.naturalOrder())
                .forEach(a -> out.append(a).append(' '));
    }
}
