package dev.tracks.storage.service;

import dev.tracks.storage.Attachment;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One {@code @Attachment} field of an owner class, holding a blob id ({@code Long}) or several
 * ({@code Collection<Long>}), read and written through its JavaBeans accessors when it has them.
 *
 * <p>Accessors matter: JPA providers that enhance entities (EclipseLink weaving, Hibernate's
 * bytecode enhancement) track changes through them, and a plain field write could go unsaved.
 */
final class AttachmentField {

    private final Field field;
    private final Attachment attachment;
    private final Method getter;
    private final Method setter;

    private AttachmentField(Field field) {
        this.field = field;
        this.attachment = field.getAnnotation(Attachment.class);
        this.getter = accessor(field.getDeclaringClass(), "get" + capitalized(field.getName()));
        this.setter = accessor(field.getDeclaringClass(), "set" + capitalized(field.getName()), field.getType());
        field.setAccessible(true);
    }

    /**
     * Finds the {@code @Attachment} field {@code name} of {@code type} or its superclasses.
     *
     * @throws IllegalArgumentException if there is none, or its type is neither Long nor a collection
     */
    static AttachmentField of(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field candidate : c.getDeclaredFields()) {
                if (candidate.getName().equals(name) && candidate.isAnnotationPresent(Attachment.class)) {
                    return checked(new AttachmentField(candidate));
                }
            }
        }
        throw new IllegalArgumentException(type.getName() + " has no @Attachment field named '" + name + "'");
    }

    /**
     * Returns every {@code @Attachment} field of {@code type} and its superclasses.
     */
    static List<AttachmentField> allOf(Class<?> type) {
        List<AttachmentField> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field candidate : c.getDeclaredFields()) {
                if (candidate.isAnnotationPresent(Attachment.class) && !Modifier.isStatic(candidate.getModifiers())) {
                    fields.add(checked(new AttachmentField(candidate)));
                }
            }
        }
        return fields;
    }

    Attachment attachment() {
        return attachment;
    }

    boolean holdsMany() {
        return Collection.class.isAssignableFrom(field.getType());
    }

    /**
     * Returns the blob ids in this field of the owner.
     */
    List<Long> blobIds(Object owner) {
        Object value = read(owner);
        if (value == null) {
            return List.of();
        }
        if (holdsMany()) {
            return ((Collection<?>) value).stream().map(id -> ((Number) id).longValue()).toList();
        }
        return List.of(((Number) value).longValue());
    }

    /**
     * Puts {@code blobId} into the field: replaces a single id, or adds to a collection.
     *
     * @return the id it replaced, for a single field that held one
     */
    @SuppressWarnings("unchecked")
    Optional<Long> put(Object owner, long blobId) {
        if (holdsMany()) {
            ((Collection<Long>) requireCollection(owner)).add(blobId);
            return Optional.empty();
        }
        Optional<Long> previous = blobIds(owner).stream().findFirst();
        write(owner, blobId);
        return previous;
    }

    /**
     * Removes {@code blobId} from a collection, or clears a single field that contains it.
     */
    void remove(Object owner, long blobId) {
        if (holdsMany()) {
            requireCollection(owner).removeIf(id -> ((Number) id).longValue() == blobId);
        } else if (blobIds(owner).contains(blobId)) {
            write(owner, null);
        }
    }

    private Collection<?> requireCollection(Object owner) {
        Object value = read(owner);
        if (value == null) {
            throw new IllegalStateException("@Attachment collection " + describe() + " is null: initialize it, for example"
                    + " with new ArrayList<>()");
        }
        return (Collection<?>) value;
    }

    private Object read(Object owner) {
        try {
            return getter != null ? getter.invoke(owner) : field.get(owner);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot read @Attachment field " + describe() + ": " + e.getMessage(), e);
        }
    }

    private void write(Object owner, Long value) {
        try {
            if (setter != null) {
                setter.invoke(owner, value);
            } else {
                field.set(owner, value);
            }
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("Cannot write @Attachment field " + describe() + ": " + e.getMessage(), e);
        }
    }

    private String describe() {
        return field.getDeclaringClass().getSimpleName() + "." + field.getName();
    }

    private static AttachmentField checked(AttachmentField attachmentField) {
        Class<?> type = attachmentField.field.getType();
        if (type != Long.class && !Collection.class.isAssignableFrom(type)) {
            throw new IllegalArgumentException("@Attachment field " + attachmentField.describe() + " is a " + type.getSimpleName()
                    + ": declare it as Long, or as a Collection<Long> for several blobs");
        }
        return attachmentField;
    }

    private static Method accessor(Class<?> type, String name, Class<?>... parameters) {
        try {
            Method method = type.getMethod(name, parameters);
            return Modifier.isPublic(method.getModifiers()) ? method : null;
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static String capitalized(String name) {
        return name.substring(0, 1).toUpperCase(Locale.ROOT) + name.substring(1);
    }
}
