package io.dbfilter.internal.eclipselink;

import jakarta.persistence.TypedQuery;
import java.util.ArrayList;
import java.util.Locale;
import org.eclipse.persistence.expressions.Expression;
import org.eclipse.persistence.internal.databaseaccess.DatabaseCall;
import org.eclipse.persistence.internal.expressions.SQLSelectStatement;
import org.eclipse.persistence.internal.queries.DatabaseQueryMechanism;
import org.eclipse.persistence.internal.queries.ExpressionQueryMechanism;
import org.eclipse.persistence.internal.sessions.AbstractRecord;
import org.eclipse.persistence.internal.sessions.AbstractSession;
import org.eclipse.persistence.jpa.JpaQuery;
import org.eclipse.persistence.queries.DatabaseQuery;
import org.eclipse.persistence.queries.ObjectLevelReadQuery;
import org.eclipse.persistence.queries.ReadAllQuery;
import org.eclipse.persistence.queries.SQLCall;
import org.eclipse.persistence.queries.ValueReadQuery;

/**
 * Counts the rows of a JPQL or criteria query as Flask-SQLAlchemy does: the query's own SQL, with
 * its ordering, paging and locking dropped, as a subquery of {@code SELECT COUNT(*)} (or, where
 * that counts the same rows, with its select list replaced by {@code COUNT(*)}; see
 * {@link #countSql(String)}).
 *
 * <p>Rewriting JPQL into a count query (what Spring Data does) goes wrong for DISTINCT, JOIN FETCH
 * and GROUP BY; counting the SQL that EclipseLink generates for the query is right for all of
 * them, because it counts exactly the rows the query returns. So a clone of the query is prepared
 * with the query's parameter values (EclipseLink may generate different SQL for a null), and its
 * SQL call, whose parameters are still placeholders, is wrapped and run by EclipseLink with the
 * same values: they are converted, expanded (IN lists) and bound exactly as for the query itself.
 */
public final class CountQuery {
    /** SQL that makes the number of rows depend on what is selected. */
    private static final String[] ROW_CHANGING = {"DISTINCT", " GROUP BY ", " HAVING ", " UNION ", " INTERSECT ",
        " EXCEPT ", " MINUS "};

    private final AbstractSession session;
    private final ValueReadQuery count;
    private final AbstractRecord arguments;

    private CountQuery(AbstractSession session, ValueReadQuery count, AbstractRecord arguments) {
        this.session = session;
        this.count = count;
        this.arguments = arguments;
    }

    /**
     * Prepares the count of {@code query}, and refuses queries that cannot be paged in SQL.
     *
     * @throws IllegalArgumentException for a native query, a query that is not a SELECT, or one
     *                                  that fetch-joins a collection
     */
    public static CountQuery of(TypedQuery<?> query) {
        JpaQuery<?> jpa = query.unwrap(JpaQuery.class);
        DatabaseQuery original = jpa.getDatabaseQuery();
        if (!(original instanceof ReadAllQuery) || original.isUserDefinedSQLCall()) {
            throw new IllegalArgumentException("dbfilter: paginate needs a JPQL or criteria SELECT query, not "
                    + original + ". Native SQL cannot be counted or paged reliably; write the query in JPQL.");
        }
        var session = (AbstractSession) jpa.getEntityManager().getActiveSession();
        var clone = (ReadAllQuery) original.clone();
        clone.setOrderByExpressions(new ArrayList<>());
        clone.setFirstResult(0);
        clone.setMaxRows(0);
        clone.setLockModeType(ObjectLevelReadQuery.NONE, session);
        // Also keeps the clone out of EclipseLink's cache of prepared queries, whose SQL has no aliases.
        clone.dontAcquireLocks();
        // As EclipseLink does for a page: one statement for a JOINED hierarchy, not one per table.
        clone.setShouldOuterJoinSubclasses(true);
        if (clone.getQueryMechanism() instanceof ExpressionQueryMechanism expressions) {
            // Parses a named query's JPQL into the clone, so that its selection criteria are there.
            expressions.buildSelectionCriteria(session);
            clone.setDatasourceCall(new UniqueAliases(expressions.getSelectionCriteria()));
        }
        clone.setIsPrepared(false);
        var values = new ArrayList<Object>();
        for (String argument : clone.getArguments()) {
            values.add(query.getParameterValue(argument));
        }
        AbstractRecord arguments = clone.rowFromArguments(values, session);
        clone.prepareCall(session, arguments);
        refuseCollectionFetch(clone, original);
        refuseTablePerClass(clone);
        return new CountQuery(session, wrap(clone.getCall(), session), arguments);
    }

    /** EclipseLink reads such a hierarchy with one statement per table, and pages each table on its own. */
    private static void refuseTablePerClass(ObjectLevelReadQuery clone) {
        var descriptor = clone.getDescriptor();
        if (descriptor.hasTablePerClassPolicy()
                && !descriptor.getTablePerClassPolicy().getChildDescriptors().isEmpty()) {
            throw new IllegalArgumentException("dbfilter: paginate cannot page "
                    + descriptor.getJavaClass().getSimpleName() + ": EclipseLink reads a TABLE_PER_CLASS hierarchy with one statement per table, each paged on its"
                    + " own. Query one of its leaf classes, or map the hierarchy as JOINED or SINGLE_TABLE.");
        }
    }

    /**
     * EclipseLink pages a collection fetch join by SQL rows (one per collection element), so a page
     * would hold fewer entities than asked, cut in the middle of one, and reload the cut entities'
     * collections with extra statements; with DISTINCT, the count would not match either.
     */
    private static void refuseCollectionFetch(ObjectLevelReadQuery clone, DatabaseQuery original) {
        if (clone.hasJoining() && clone.getJoinedAttributeManager().isToManyJoin()) {
            throw new IllegalArgumentException("dbfilter: paginate cannot page a query that fetch-joins a collection"
                    + " (JOIN FETCH of a to-many relationship) in SQL: EclipseLink would cut pages by joined rows,"
                    + " not by entities. Remove the collection JOIN FETCH and load the collection for the page's"
                    + " entities in one more statement with the hints eclipselink.batch=<alias>.<collection> and"
                    + " eclipselink.batch.type=IN (see docs/queries.md). Query: "
                    + (original.getJPQLString() != null ? original.getJPQLString() : original));
        }
    }

    /** A count call for the prepared SQL, sharing its still untranslated parameters. */
    private static ValueReadQuery wrap(DatabaseCall call, AbstractSession session) {
        var countCall = new SQLCall();
        countCall.setSQLString(countSql(call.getSQLString()));
        countCall.setParameters(new ArrayList<>(call.getParameters()));
        countCall.setParameterTypes(new ArrayList<>(call.getParameterTypes()));
        // EclipseLink stops binding where the database cannot type a ? (Derby: a parameter in a
        // CASE); the count binds exactly where the query itself binds.
        countCall.setUsesBinding(call.usesBinding(session));
        var count = new ValueReadQuery();
        count.setCall(countCall);
        // Prepared now, so that EclipseLink does not parse the SQL again for # and ? markers when it
        // prepares the query: it would take the ")" in "= ?)" for the name of a parameter.
        countCall.prepare(session);
        return count;
    }

    /**
     * {@code SELECT COUNT(*) FROM (<sql>) counted}, or, when the rows of {@code sql} cannot depend on
     * its select list (no DISTINCT, GROUP BY, HAVING or set operation anywhere, and only plain
     * columns selected), the same count without the subquery: {@code SELECT COUNT(*) FROM <the
     * rest of sql>}. Both count the same rows; Derby runs the second several times faster, because
     * it counts a subquery row by row but a table from its index.
     */
    public static String countSql(String sql) {
        String upper = sql.toUpperCase(Locale.ROOT);
        int from = upper.indexOf(" FROM ");
        // Only columns before the FROM: no function, subquery or literal (whose text could hold " FROM ").
        boolean plain = upper.startsWith("SELECT ") && !upper.startsWith("SELECT DISTINCT ") && from > 0
                && upper.lastIndexOf('(', from) < 0 && upper.lastIndexOf('\'', from) < 0;
        for (String keyword : ROW_CHANGING) {
            plain &= !upper.contains(keyword);
        }
        return plain ? "SELECT COUNT(*)" + sql.substring(from) : "SELECT COUNT(*) FROM (" + sql + ") counted";
    }

    /**
     * Makes the clone name every selected column uniquely ({@code t0.id AS a1, t1.id AS a2}), as
     * EclipseLink does for its own paging subqueries: MariaDB refuses a derived table with two
     * columns of one name, which a JOIN FETCH selects. A query's mechanism can only be replaced by
     * setting a call, so this call does nothing but build the query's usual expression mechanism
     * (as EclipseLink's JPQLCall builds its own), with aliases switched on before the SQL is printed.
     */
    private static final class UniqueAliases extends SQLCall {
        private final Expression criteria;

        UniqueAliases(Expression criteria) {
            this.criteria = criteria;
        }

        @Override
        public DatabaseQueryMechanism buildNewQueryMechanism(DatabaseQuery query) {
            return new ExpressionQueryMechanism(query, criteria) {
                @Override
                protected void setCallFromStatement() {
                    if (getSQLStatement() instanceof SQLSelectStatement select) {
                        select.setUseUniqueFieldAliases(true);
                    }
                    super.setCallFromStatement();
                }
            };
        }
    }

    public long run() {
        Object result = session.executeQuery(count, arguments);
        return ((Number) result).longValue();
    }
}
