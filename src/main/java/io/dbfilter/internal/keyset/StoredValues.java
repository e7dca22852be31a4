package io.dbfilter.internal.keyset;

import jakarta.persistence.EntityManager;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.persistence.internal.sessions.AbstractSession;

/**
 * The sort values of a window's first and last rows as the database stores them, for the types
 * whose attribute can hold more than its column: an {@code Instant.now()} has nanoseconds where
 * PostgreSQL keeps microseconds and MariaDB's DATETIME seconds, a double may sit in a REAL, a
 * BigDecimal in a column of fewer decimals. The entity keeps the value it was persisted with (in
 * the shared cache for as long as it stays there), so a cursor written from it would seek from a
 * value no row has, and repeat or skip the rows that share its stored value. For these orders one
 * more statement, by id, reads the values back, unless the window's entities were all built from
 * its own rows; other types are exact and read from the entity.
 */
final class StoredValues {
    private static final Set<Class<?>> INEXACT = Set.of(Instant.class, LocalDateTime.class, LocalTime.class,
            OffsetDateTime.class, Double.class, Float.class, BigDecimal.class);

    private StoredValues() {
    }

    /** Whether a key's column may store less than its attribute holds, and the entity has a single id to find it by. */
    static boolean needed(SortOrder order, List<String> ids) {
        return ids.size() == 1 && order.keys().stream().anyMatch(key -> INEXACT.contains(Values.boxed(key.type())));
    }

    /**
     * Each row's sort values: read with one {@code select x.a, x.b, x.id from E x where x.id in :ids}
     * when {@link #needed} and {@code held} (an entity may hold other values than its row), else from
     * the rows.
     */
    static List<List<Object>> of(List<?> rows, SortOrder order, EntityManager session, AbstractSession eclipseLink,
            Class<?> entity, boolean held) {
        List<String> ids = order.ids();
        if (rows.isEmpty() || !held || !needed(order, ids)) {
            return rows.stream().map(row -> order.keys().stream().map(key -> key.value(row, eclipseLink)).toList())
                    .toList();
        }
        var idKey = order.keys().stream().filter(key -> key.path().equals(ids.get(0))).findFirst();
        String select = order.keys().stream().map(key -> "x." + key.path()).collect(Collectors.joining(", "));
        String jpql = "select " + select + ", x." + ids.get(0) + " from "
                + session.getMetamodel().entity(entity).getName() + " x where x." + ids.get(0) + " in :ids";
        var wanted = new ArrayList<Object>();
        for (Object row : rows) {
            wanted.add(idKey.isPresent() ? idKey.get().value(row, eclipseLink)
                    : session.getEntityManagerFactory().getPersistenceUnitUtil().getIdentifier(row));
        }
        Map<Object, List<Object>> stored = new HashMap<>();
        for (Object[] values : session.createQuery(jpql, Object[].class).setParameter("ids", wanted).getResultList()) {
            stored.put(values[values.length - 1], List.of(values).subList(0, values.length - 1));
        }
        var result = new ArrayList<List<Object>>();
        for (int i = 0; i < rows.size(); i++) {
            List<Object> values = stored.get(wanted.get(i));
            if (values == null) {
                // Deleted since the window read it: the entity's values are the best there are.
                final Object row = rows.get(i);
                values = order.keys().stream().map(key -> key.value(row, eclipseLink)).toList();
            }
            result.add(values);
        }
        return result;
    }
}
