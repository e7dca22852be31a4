package io.dbfilter.internal.eclipselink;

import org.eclipse.persistence.exceptions.DatabaseException;
import org.eclipse.persistence.exceptions.OptimisticLockException;
import org.eclipse.persistence.logging.DefaultSessionLog;
import org.eclipse.persistence.logging.LogCategory;
import org.eclipse.persistence.logging.SessionLog;
import org.eclipse.persistence.logging.SessionLogEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Database's EclipseLink log to SLF4J, where HikariCP and Jetty already log, instead of
 * EclipseLink's own writer on standard output.
 *
 * <p>Statements go to the logger {@code io.dbfilter.sql} at INFO (seen only with {@code db.echo});
 * everything else goes to {@code io.dbfilter.eclipselink}, except failed statements and optimistic
 * lock failures, which EclipseLink logs before throwing them and which go to DEBUG. The levels are
 * copied from the log that EclipseLink configured from the {@code eclipselink.logging.*} settings,
 * so those keep working.
 */
public final class EclipseLinkLog extends DefaultSessionLog {
    private static final Logger LOG = LoggerFactory.getLogger("io.dbfilter.eclipselink");
    private static final Logger SQL = LoggerFactory.getLogger("io.dbfilter.sql");

    private volatile String lastFailure;

    public EclipseLinkLog(SessionLog configured) {
        setLevel(configured.getLevel());
        for (LogCategory category : LogCategory.values()) {
            if (configured.getLevel(category.getName()) != configured.getLevel()) {
                setLevel(configured.getLevel(category.getName()), category.getName());
            }
        }
        setShouldDisplayData(configured.shouldDisplayData());
        setShouldLogExceptionStackTrace(configured.shouldLogExceptionStackTrace());
        setSessionName(configured.getSessionName());
    }

    @Override
    public void log(SessionLogEntry entry) {
        if (!shouldLog(entry.getLevel(), entry.getNameSpace())) {
            return;
        }
        String message = entry.hasMessage() ? formatMessage(entry) : "";
        Throwable error = shouldLogExceptionStackTrace() ? entry.getException() : null;
        if (error == null && entry.hasException()) {
            message = message.isEmpty() ? entry.getException().toString() : message + ": " + entry.getException();
        }
        if (SessionLog.SQL.equals(entry.getNameSpace()) && entry.getLevel() <= FINE) {
            SQL.info(message);
            return;
        }
        if (entry.getException() instanceof OptimisticLockException) {
            // Thrown to the caller right after; a concurrent update is an outcome it handles, not news.
            LOG.debug(message, error);
            return;
        }
        if (entry.getException() instanceof DatabaseException failed) {
            // EclipseLink logs a failed statement and then throws it (or, for DDL, swallows it and
            // Database.createAll reports it); either way the caller decides whether it is news.
            Throwable cause = failed.getInternalException() != null ? failed.getInternalException() : failed;
            lastFailure = cause.getMessage();
            LOG.debug(message, error);
            return;
        }
        switch (entry.getLevel()) {
            case SEVERE -> LOG.error(message, error);
            case WARNING -> LOG.warn(message, error);
            case INFO, CONFIG -> LOG.info(message, error);
            default -> LOG.debug(message, error);
        }
    }

    /** The message of the last failed statement, or null; read and cleared by {@code createAll}. */
    public String takeLastFailure() {
        String failure = lastFailure;
        lastFailure = null;
        return failure;
    }
}
