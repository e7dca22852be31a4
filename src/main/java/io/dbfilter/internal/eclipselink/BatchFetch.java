package io.dbfilter.internal.eclipselink;

import java.util.Map;
import org.eclipse.persistence.annotations.BatchFetchType;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.ForeignReferenceMapping;
import org.eclipse.persistence.sessions.Session;

/**
 * {@code db.batchFetch}: a relation touched on one entity of a query's result is loaded for every
 * entity of that result in one more query ({@code WHERE id IN (...)}), not one query per entity.
 * It is EclipseLink's batch fetching of type IN, set on every to-one and to-many mapping that does
 * not choose its own with {@code @BatchFetch}; Hibernate users get the same from a default batch
 * fetch size.
 *
 * <p>IN, not JOIN or EXISTS: those repeat the first query as a subquery, which is wrong for a page
 * (its OFFSET and FETCH are not repeated) and costs the first query again. EclipseLink splits the ids
 * into lists of at most 500, well under every supported database's limit on bound values (PostgreSQL
 * 32,767, MariaDB 65,535; Derby has none). A mapping whose keys have more than one column is left
 * alone: Derby has no {@code (a, b) IN ((?, ?), ...)}.
 */
public final class BatchFetch {
    private BatchFetch() {
    }

    public static void apply(Session session) {
        Map<Class<?>, ClassDescriptor> descriptors = session.getDescriptors();
        for (ClassDescriptor descriptor : descriptors.values()) {
            for (DatabaseMapping mapping : descriptor.getMappings()) {
                if (mapping instanceof ForeignReferenceMapping reference && !reference.shouldUseBatchReading()
                        && singleColumnKey(descriptor, descriptors) && singleColumnKey(
                                descriptors.get(reference.getReferenceClass()), descriptors)) {
                    reference.setBatchFetchType(BatchFetchType.IN);
                }
            }
        }
    }

    /** Whether the entity's id is one column; a subclass's id is its root's, known only once that is found. */
    private static boolean singleColumnKey(ClassDescriptor descriptor, Map<Class<?>, ClassDescriptor> descriptors) {
        ClassDescriptor root = descriptor;
        while (root != null && root.getPrimaryKeyFieldNames().isEmpty() && root.hasInheritance()
                && root.getInheritancePolicy().getParentClass() != null) {
            root = descriptors.get(root.getInheritancePolicy().getParentClass());
        }
        // An element collection's target is not an entity: its key is the owner's, checked on the owner.
        return root == null || root.getPrimaryKeyFieldNames().size() <= 1;
    }
}
