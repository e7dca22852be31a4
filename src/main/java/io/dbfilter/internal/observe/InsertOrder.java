package io.dbfilter.internal.observe;

import io.dbfilter.internal.scope.ScopeListener;
import io.dbfilter.internal.scope.ScopeState;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.DescriptorEvent;
import org.eclipse.persistence.descriptors.DescriptorEventAdapter;
import org.eclipse.persistence.internal.sessions.ObjectChangeSet;
import org.eclipse.persistence.internal.sessions.UnitOfWorkChangeSet;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionEvent;
import org.eclipse.persistence.sessions.SessionEventAdapter;

/**
 * Inserts the rows of a flush in the order the entities were persisted, as SQLAlchemy's unit of
 * work does. EclipseLink keeps a class's new objects in an {@code IdentityHashMap}, so a loop of
 * persists was inserted in an order that changed from run to run, and IDENTITY ids did not follow
 * the list. This notes each entity's place at {@code persist()} and, once EclipseLink has computed
 * the flush's change set, hands it the new objects in that order.
 */
public final class InsertOrder extends DescriptorEventAdapter implements ScopeListener {
    private final int slot;
    private final SessionEventAdapter sorter = new SessionEventAdapter() {
        @Override
        public void postCalculateUnitOfWorkChangeSet(SessionEvent event) {
            sort(event);
        }
    };

    /** Where each persisted entity of a scope stands, until it is committed. */
    private static final class Persisted {
        final Map<Object, Integer> places = new IdentityHashMap<>();
        int next;
    }

    /**
     * Creates the feature.
     *
     * @param slot its position among the Database's listeners
     */
    public InsertOrder(int slot) {
        this.slot = slot;
    }

    @Override
    public void customize(Session session) {
        session.getEventManager().addListener(sorter);
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            // A subclass's events also reach its parent's listeners.
            if (!descriptor.isChildDescriptor() && !descriptor.isAggregateDescriptor()
                    && !descriptor.isAggregateCollectionDescriptor()) {
                descriptor.getEventManager().addListener(this);
            }
        }
    }

    @Override
    public void prePersist(DescriptorEvent event) {
        ScopeState scope = ScopeState.of(this, slot);
        if (scope == null) {
            return;
        }
        Persisted persisted = scope.slot(slot);
        if (persisted == null) {
            persisted = new Persisted();
            scope.slot(slot, persisted);
        }
        if (persisted.places.putIfAbsent(event.getSource(), persisted.next) == null) {
            persisted.next++;
        }
    }

    private void sort(SessionEvent event) {
        ScopeState scope = ScopeState.of(this, slot);
        Persisted persisted = scope == null ? null : scope.slot(slot);
        if (persisted == null || persisted.places.isEmpty()
                || !(event.getProperty("UnitOfWorkChangeSet") instanceof UnitOfWorkChangeSet changes)) {
            return;
        }
        for (Map.Entry<Class<?>, Map<ObjectChangeSet, ObjectChangeSet>> type : changes.getNewObjectChangeSets()
                .entrySet()) {
            if (type.getValue().size() > 1) {
                type.setValue(new OrderedIdentityMap(inPersistOrder(type.getValue().keySet(), persisted)));
            }
        }
    }

    /**
     * The change sets by place, objects persisted some other way (cascaded at commit) last, each
     * place looked up once: a comparator that looked places up cost 8% of a request of 100 inserts.
     */
    private static List<ObjectChangeSet> inPersistOrder(Set<ObjectChangeSet> changes, Persisted persisted) {
        var found = new ArrayList<>(changes);
        long[] placeThenIndex = new long[found.size()];
        for (int i = 0; i < placeThenIndex.length; i++) {
            int place = persisted.places.getOrDefault(found.get(i).getUnitOfWorkClone(), Integer.MAX_VALUE);
            placeThenIndex[i] = ((long) place << 32) | i;
        }
        Arrays.sort(placeThenIndex);
        var ordered = new ArrayList<ObjectChangeSet>(found.size());
        for (long key : placeThenIndex) {
            ordered.add(found.get((int) key));
        }
        return ordered;
    }

    @Override
    public void afterCommit(ScopeState scope) {
        forget(scope);
    }

    @Override
    public void rolledBack(ScopeState scope) {
        forget(scope);
    }

    private void forget(ScopeState scope) {
        Persisted persisted = scope.slot(slot);
        if (persisted != null) {
            persisted.places.clear();
        }
    }

    /**
     * The map EclipseLink expects for a class's new objects (each change set maps to itself, found
     * by identity), iterated in a given order. EclipseLink removes each object from it once inserted,
     * so removing leaves a gap in the order instead of searching it: 100 inserts would otherwise cost
     * 100 scans of the list.
     */
    private static final class OrderedIdentityMap extends AbstractMap<ObjectChangeSet, ObjectChangeSet> {
        private final List<ObjectChangeSet> order;
        private final Map<ObjectChangeSet, ObjectChangeSet> index = new IdentityHashMap<>();
        private final Map<ObjectChangeSet, Integer> places = new IdentityHashMap<>();

        OrderedIdentityMap(List<ObjectChangeSet> order) {
            this.order = order;
            for (int i = 0; i < order.size(); i++) {
                index.put(order.get(i), order.get(i));
                places.put(order.get(i), i);
            }
        }

        @Override
        public ObjectChangeSet get(Object key) {
            return index.get(key);
        }

        @Override
        public boolean containsKey(Object key) {
            return index.containsKey(key);
        }

        @Override
        public ObjectChangeSet put(ObjectChangeSet key, ObjectChangeSet value) {
            if (!index.containsKey(key)) {
                places.put(key, order.size());
                order.add(key);
            }
            return index.put(key, value);
        }

        @Override
        public ObjectChangeSet remove(Object key) {
            Integer place = places.remove(key);
            if (place != null) {
                order.set(place, null);
            }
            return index.remove(key);
        }

        @Override
        public Set<Entry<ObjectChangeSet, ObjectChangeSet>> entrySet() {
            return new AbstractSet<>() {
                @Override
                public Iterator<Entry<ObjectChangeSet, ObjectChangeSet>> iterator() {
                    return new Iterator<>() {
                        private int at = skipGaps(0);
                        private ObjectChangeSet last;

                        @Override
                        public boolean hasNext() {
                            return at < order.size();
                        }

                        @Override
                        public Entry<ObjectChangeSet, ObjectChangeSet> next() {
                            if (!hasNext()) {
                                throw new NoSuchElementException();
                            }
                            last = order.get(at);
                            at = skipGaps(at + 1);
                            return new SimpleEntry<>(last, index.get(last));
                        }

                        @Override
                        public void remove() {
                            OrderedIdentityMap.this.remove(last);
                        }
                    };
                }

                @Override
                public int size() {
                    return index.size();
                }
            };
        }

        private int skipGaps(int from) {
            int at = from;
            while (at < order.size() && order.get(at) == null) {
                at++;
            }
            return at;
        }
    }
}
