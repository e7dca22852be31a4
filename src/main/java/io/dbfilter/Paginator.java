package io.dbfilter;

import jakarta.persistence.LockModeType;
import jakarta.persistence.Parameter;
import jakarta.persistence.TypedQuery;
import java.util.List;
import org.eclipse.persistence.jpa.JpaQuery;
import org.eclipse.persistence.queries.DatabaseQuery;

/**
 * Loads one page as Flask-SQLAlchemy's {@code paginate} does: the items first, with OFFSET and
 * FETCH in the SQL, then the count, unless the page itself tells the total.
 */
final class Paginator {
    private Paginator() {
    }

    static <T> Pagination<T> paginate(TypedQuery<T> query, PageRequest options) {
        Database.Scope scope = Db.current();
        PageRequest request = options.resolve(scope == null ? null : scope.request);
        CountQuery count = CountQuery.of(query);
        int page = request.page();
        int perPage = request.perPage();
        long offset = (long) (page - 1) * perPage;
        // JPA offsets are ints; a page that starts beyond them is treated as past the end.
        List<T> items = offset + perPage > Integer.MAX_VALUE ? List.of() : rows(query, (int) offset, perPage);
        if (items.isEmpty() && page != 1 && request.errorOut()) {
            throw new NotFoundException(null, "dbfilter: page " + page + " is past the end of the query's rows");
        }
        Long total = null;
        if (request.count()) {
            // A short page that exists is the last page, so the rows before it plus its own are all rows.
            boolean lastPage = (!items.isEmpty() || page == 1) && items.size() < perPage;
            total = lastPage ? offset + items.size() : count.run();
        }
        return new Pagination<>(query, request, items, total);
    }

    /**
     * Runs a copy of the query for one page, so that the caller's query keeps its own first and
     * max results: EclipseLink would keep the max rows of a page on it even after
     * {@code setMaxResults(Integer.MAX_VALUE)}. The copy shares the query's hints and flush mode
     * (they live in the cloned EclipseLink query), and gets its parameters and lock mode.
     */
    private static <T> List<T> rows(TypedQuery<T> query, int first, int max) {
        JpaQuery<?> jpa = query.unwrap(JpaQuery.class);
        @SuppressWarnings("unchecked")
        TypedQuery<T> copy = (TypedQuery<T>) jpa.getEntityManager()
                .createQuery((DatabaseQuery) jpa.getDatabaseQuery().clone());
        for (Parameter<?> parameter : query.getParameters()) {
            if (query.isBound(parameter)) {
                Object value = query.getParameterValue(parameter);
                if (parameter.getName() != null) {
                    copy.setParameter(parameter.getName(), value);
                } else {
                    copy.setParameter(parameter.getPosition(), value);
                }
            }
        }
        LockModeType lock = query.getLockMode();
        if (lock != null) {
            copy.setLockMode(lock);
        }
        return copy.setFirstResult(first).setMaxResults(max).getResultList();
    }
}
