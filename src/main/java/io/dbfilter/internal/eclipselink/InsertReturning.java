package io.dbfilter.internal.eclipselink;

import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.descriptors.ReturningPolicy;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.foundation.AbstractDirectMapping;
import org.eclipse.persistence.sequencing.NativeSequence;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sessions.DatasourceLogin;
import org.eclipse.persistence.sessions.Session;

/**
 * {@code db.insertReturning}: on PostgreSQL, an entity with a {@code GenerationType.IDENTITY} id is
 * inserted with {@code INSERT ... RETURNING id}, one round trip per row, where EclipseLink would
 * send the INSERT and then {@code select lastval()}.
 *
 * <p>EclipseLink's other route, JDBC's {@code getGeneratedKeys}, makes the PostgreSQL driver append
 * {@code RETURNING *} and EclipseLink read the first column, which is the id only when the table
 * happens to list it first. A returning policy names the id column instead. The id then stops being
 * a sequence to EclipseLink and becomes a column the INSERT leaves out and reads back, which is what
 * {@code @ReturnInsert(returnOnly = true)} on the id would say. MariaDB needs nothing (EclipseLink
 * already uses {@code getGeneratedKeys}, which its driver answers from the INSERT's own reply).
 * Derby gets {@code getGeneratedKeys} too, whose result holds only the identity column: embedded,
 * its {@code VALUES IDENTITY_VAL_LOCAL()} costs no round trip, but it is one more statement for
 * EclipseLink to prepare, run and read.
 */
public final class InsertReturning {
    private InsertReturning() {
    }

    public static void apply(Session session) {
        if (session.getPlatform().isDerby()) {
            // Derby's generated keys hold the identity column alone, so reading the first column is right.
            session.getPlatform().setSupportsReturnGeneratedKeys(true);
        }
        if (!session.getPlatform().isPostgreSQL() || !(session.getDatasourceLogin() instanceof DatasourceLogin login)) {
            return;
        }
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            if (descriptor.usesSequenceNumbers() && !descriptor.hasReturningPolicy()
                    && isIdentity(login.getSequence(descriptor.getSequenceNumberName()))) {
                DatabaseField id = descriptor.getSequenceNumberField();
                var policy = new ReturningPolicy();
                policy.addFieldForInsertReturnOnly(id);
                descriptor.setReturningPolicy(policy);
                // EclipseLink refuses a returned field that is also a sequence's, and without the sequence
                // createAll would no longer make the column SERIAL: the column's type says so instead.
                descriptor.setSequenceNumberField(null);
                descriptor.setSequenceNumberName(null);
                if (id.getColumnDefinition() == null || id.getColumnDefinition().isEmpty()) {
                    id.setColumnDefinition(serial(descriptor, id));
                }
            }
        }
    }

    /** PostgreSQL's auto-incrementing type of the id's width, as EclipseLink's DDL would have chosen it. */
    private static String serial(ClassDescriptor descriptor, DatabaseField id) {
        for (DatabaseMapping mapping : descriptor.getMappings()) {
            if (mapping instanceof AbstractDirectMapping direct && id.equals(direct.getField())) {
                Class<?> type = direct.getAttributeClassification();
                if (type == Integer.class || type == int.class) {
                    return "SERIAL";
                }
                if (type == Short.class || type == short.class) {
                    return "SMALLSERIAL";
                }
            }
        }
        return "BIGSERIAL";
    }

    private static boolean isIdentity(Sequence sequence) {
        return sequence instanceof NativeSequence identity && identity.shouldUseIdentityIfPlatformSupports();
    }
}
