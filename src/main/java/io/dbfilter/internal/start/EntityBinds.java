package io.dbfilter.internal.start;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.config.Suggestion;
import jakarta.persistence.Entity;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Decides which bind each entity belongs to, before any pool starts.
 *
 * <p>An entity belongs to the bind its {@code @Bind} annotation names, else to the bind whose
 * {@code db.bind.<name>.entities} or {@code .packages} list it, else to the default bind, which
 * gets what {@code db.entities} and {@code db.packages} find minus what other binds claim. So a
 * package scanned by the default bind may hold entities of other binds. Only two explicit claims
 * conflict: two binds' lists naming one entity, or {@code @Bind("x")} on an entity that bind y's
 * lists name. Classes that are persistent but no entity ({@code @Embeddable},
 * {@code @MappedSuperclass}, {@code @Converter}) have no table of their own, so every bind gets
 * all that were found, wherever they were found.
 */
final class EntityBinds {
    /** Index 0 is the default bind, then the binds in {@code db.binds} order. */
    private final List<String> binds;
    private final List<List<Class<?>>> classes;
    private final Map<Class<?>, Integer> owners;

    private EntityBinds(List<String> binds, List<List<Class<?>>> classes, Map<Class<?>, Integer> owners) {
        this.binds = binds;
        this.classes = classes;
        this.owners = owners;
    }

    static EntityBinds route(Settings settings, ClassLoader loader, Function<Class<?>, String> annotated) {
        var binds = new ArrayList<String>();
        binds.add(null);
        binds.addAll(settings.binds());
        var listed = new ArrayList<Set<Class<?>>>();
        for (String bind : binds) {
            listed.add(EntityClasses.find(bind == null ? settings : settings.bind(bind), loader));
        }
        var shared = new LinkedHashSet<Class<?>>();
        var owners = new LinkedHashMap<Class<?>, Integer>();
        for (Set<Class<?>> found : listed) {
            for (Class<?> type : found) {
                if (!type.isAnnotationPresent(Entity.class)) {
                    shared.add(type);
                } else if (!owners.containsKey(type)) {
                    owners.put(type, owner(type, binds, listed, settings, annotated.apply(type)));
                }
            }
        }
        var classes = new ArrayList<List<Class<?>>>();
        for (int i = 0; i < binds.size(); i++) {
            var unit = new ArrayList<Class<?>>();
            for (Map.Entry<Class<?>, Integer> owner : owners.entrySet()) {
                if (owner.getValue() == i) {
                    unit.add(owner.getKey());
                }
            }
            unit.addAll(shared);
            String bind = binds.get(i);
            if (bind == null) {
                long elsewhere = listed.get(0).stream().filter(owners::containsKey).count() - unit.stream()
                        .filter(owners::containsKey).count();
                EntityClasses.requireEntity(unit, settings, elsewhere == 0 ? ""
                        : "; the " + elsewhere + " found there belong to other binds");
            } else {
                EntityClasses.requireEntity(unit, settings.bind(bind), ", or annotate them @io.dbfilter.Bind(\""
                        + bind + "\")");
            }
            classes.add(List.copyOf(unit));
        }
        return new EntityBinds(List.copyOf(binds.subList(1, binds.size())), List.copyOf(classes), Map.copyOf(owners));
    }

    private static int owner(Class<?> type, List<String> binds, List<Set<Class<?>>> listed, Settings settings,
            String annotation) {
        var listers = new ArrayList<Integer>();
        for (int i = 1; i < binds.size(); i++) {
            if (listed.get(i).contains(type)) {
                listers.add(i);
            }
        }
        if (listers.size() > 1) {
            throw new IllegalArgumentException("dbfilter: the entity " + type.getName() + " is claimed by two binds: "
                    + lists(settings, binds.get(listers.get(0))) + " and " + lists(settings, binds.get(listers.get(1)))
                    + " list it. An entity belongs to one database: remove it from one of them.");
        }
        if (annotation == null) {
            return listers.isEmpty() ? 0 : listers.get(0);
        }
        int annotated = binds.indexOf(annotation);
        if (annotated < 1) {
            List<String> named = binds.subList(1, binds.size());
            throw new IllegalArgumentException("dbfilter: the entity " + type.getName() + " is annotated @Bind(\""
                    + annotation + "\"), but " + settings.describe(Key.BINDS) + " does not name that bind"
                    + (named.isEmpty() ? " (it is not set)" : " (it names " + String.join(", ", named) + ")") + "."
                    + Suggestion.of(annotation, named) + " Add the bind to " + Key.BINDS.key()
                    + " with its db.bind." + annotation + ".url, or fix the annotation.");
        }
        if (!listers.isEmpty() && listers.get(0) != annotated) {
            throw new IllegalArgumentException("dbfilter: the entity " + type.getName() + " is claimed by two binds:"
                    + " it is annotated @Bind(\"" + annotation + "\"), and " + lists(settings,
                            binds.get(listers.get(0))) + " list it. An entity belongs to one database: remove it"
                    + " from that list, or change the annotation.");
        }
        return annotated;
    }

    private static String lists(Settings settings, String bind) {
        Settings view = settings.bind(bind);
        return "the bind '" + bind + "' (" + view.name(Key.ENTITIES) + " / " + view.name(Key.PACKAGES) + ")";
    }

    /** The binds other than the default one, in {@code db.binds} order. */
    List<String> binds() {
        return binds;
    }

    /** The classes of the unit of bind {@code index}: 0 for the default one, then in {@code db.binds} order. */
    List<Class<?>> classes(int index) {
        return classes.get(index);
    }

    /** The index of the bind each entity belongs to. */
    Map<Class<?>, Integer> owners() {
        return owners;
    }
}
