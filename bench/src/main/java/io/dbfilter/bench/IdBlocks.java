package io.dbfilter.bench;

import jakarta.persistence.EntityManagerFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.sequencing.Sequence;
import org.eclipse.persistence.sequencing.TableSequence;
import org.eclipse.persistence.sessions.Session;

/**
 * Ids for the plain JDBC inserts, taken the way EclipseLink takes them for {@code @GeneratedValue}:
 * a block of ids at a time from the same sequence table and row, in the same block size (50). So
 * both variants pay one sequence update per 50 inserts, and their ids never collide. The names
 * come from EclipseLink's own session, not from a guess.
 */
final class IdBlocks {
    private final DataSource pool;
    private final String update;
    private final String select;
    private final String name;
    private final int size;
    private long next;
    private long last = -1;

    IdBlocks(EntityManagerFactory factory, DataSource pool) {
        this.pool = pool;
        Session session = factory.unwrap(Session.class);
        ClassDescriptor descriptor = session.getDescriptor(Person.class);
        Sequence sequence = session.getLogin().getDefaultSequence();
        if (!(sequence instanceof TableSequence table)) {
            throw new IllegalStateException("expected EclipseLink's default table sequence, found " + sequence);
        }
        this.name = descriptor.getSequenceNumberName();
        this.size = table.getPreallocationSize();
        this.update = "UPDATE " + table.getQualifiedTableName() + " SET " + table.getCounterFieldName() + " = "
                + table.getCounterFieldName() + " + ? WHERE " + table.getNameFieldName() + " = ?";
        this.select = "SELECT " + table.getCounterFieldName() + " FROM " + table.getQualifiedTableName()
                + " WHERE " + table.getNameFieldName() + " = ?";
    }

    synchronized long next() throws SQLException {
        if (next > last) {
            last = allocate();
            next = last - size + 1;
        }
        return next++;
    }

    private long allocate() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement up = connection.prepareStatement(update);
                    PreparedStatement read = connection.prepareStatement(select)) {
                up.setInt(1, size);
                up.setString(2, name);
                if (up.executeUpdate() != 1) {
                    throw new IllegalStateException("no row " + name + " in the sequence table: " + update);
                }
                read.setString(1, name);
                try (ResultSet rows = read.executeQuery()) {
                    rows.next();
                    long value = rows.getLong(1);
                    connection.commit();
                    return value;
                }
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        }
    }
}
