package io.dbfilter.internal.start;

import io.dbfilter.internal.config.Key;
import io.dbfilter.internal.config.Settings;
import io.dbfilter.internal.eclipselink.BatchFetch;
import io.dbfilter.internal.eclipselink.EclipseLinkLog;
import io.dbfilter.internal.eclipselink.InsertReturning;
import io.dbfilter.internal.eclipselink.SingleUpdateCommit;
import io.dbfilter.internal.eclipselink.TableNames;
import io.dbfilter.internal.jdbc.ConnectionSwitch;
import io.dbfilter.internal.jdbc.JdbcUrl;
import io.dbfilter.internal.jdbc.PoolStart;
import io.dbfilter.internal.jdbc.ReplicaRouter;
import io.dbfilter.internal.scope.ScopeListener;
import jakarta.persistence.SharedCacheMode;
import jakarta.persistence.ValidationMode;
import jakarta.persistence.spi.ClassTransformer;
import jakarta.persistence.spi.PersistenceUnitInfo;
import jakarta.persistence.spi.PersistenceUnitTransactionType;
import java.net.MalformedURLException;
import java.net.URL;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.eclipse.persistence.config.PersistenceUnitProperties;
import org.eclipse.persistence.descriptors.ChangedFieldsLockingPolicy;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.jpa.PersistenceProvider;
import org.eclipse.persistence.sessions.DatabaseLogin;
import org.eclipse.persistence.sessions.JNDIConnector;
import org.eclipse.persistence.sessions.Session;
import org.eclipse.persistence.sessions.SessionCustomizer;
import org.eclipse.persistence.sessions.server.ServerSession;

/**
 * The persistence unit of one bind, described in code so that no persistence.xml is needed: its
 * own name, the listed entity classes only, resource-local transactions on our HikariCP pool,
 * which EclipseLink asks for when it logs in, not while it reads the entities: the pool may still
 * be starting then ({@link PoolStart}); and every property EclipseLink gets from dbfilter.
 */
record UnitInfo(String name, List<Class<?>> classes, PoolStart pool, ClassLoader loader, Properties properties)
        implements PersistenceUnitInfo {

    /** The unit of one bind, with its EclipseLink properties built from its settings. */
    static UnitInfo of(String name, List<Class<?>> classes, PoolStart pool, ClassLoader loader, JdbcUrl url,
            Settings settings, List<ScopeListener> features, ReplicaStart replica) {
        boolean echo = settings.flag(Key.ECHO);
        var properties = new Properties();
        properties.put(PersistenceUnitProperties.SESSION_NAME, name);
        // The container bootstrap turns weaving on unless told; without an agent it cannot work.
        properties.put(PersistenceUnitProperties.WEAVING, "false");
        // The factory only reads the entities; start-up logs it in once the pool has connected.
        properties.put(PersistenceUnitProperties.DEPLOY_ON_STARTUP, "false");
        // Two application nodes on one database must never serve each other stale rows.
        properties.put(PersistenceUnitProperties.CACHE_SHARED_DEFAULT, "false");
        // Generated ids come in blocks of 50 from a sequence table. Without a connection of its own,
        // EclipseLink fetches the next block inside the writing transaction and keeps every other
        // writer waiting for that transaction to commit (see docs/performance.md).
        properties.put(PersistenceUnitProperties.JDBC_SEQUENCE_CONNECTION_POOL, "true");
        // EclipseLink 5.0.0 waits for a lock with Condition.await(waittime), and the default 0 makes
        // that a busy loop that burns a core while a block of ids is fetched. A release signals the
        // waiters, so a bounded wait costs no latency. EclipseLink keeps this value JVM-wide.
        properties.put(PersistenceUnitProperties.CONCURRENCY_MANAGER_ACQUIRE_WAIT_TIME, "100");
        writeInBatches(properties, settings);
        properties.put(PersistenceUnitProperties.LOGGING_LEVEL, "WARNING");
        properties.put(PersistenceUnitProperties.LOGGING_PARAMETERS, Boolean.toString(echo));
        if (echo) {
            properties.put(PersistenceUnitProperties.CATEGORY_LOGGING_LEVEL_ + "sql", "FINE");
        }
        if (url.platform() != null) {
            properties.put(PersistenceUnitProperties.TARGET_DATABASE, url.platform());
        }
        properties.putAll(settings.passthrough());
        Object theirs = properties.remove(PersistenceUnitProperties.SESSION_CUSTOMIZER);
        SessionCustomizer user = theirs == null ? null : customizer(theirs.toString(), loader);
        properties.put(PersistenceUnitProperties.SESSION_CUSTOMIZER, ours(pool, settings, features, replica, user));
        return new UnitInfo(name, classes, pool, loader, properties);
    }

    /** dbfilter's session customizer: its own settings, then each feature's, then the application's. */
    private static SessionCustomizer ours(PoolStart pool, Settings settings, List<ScopeListener> features,
            ReplicaStart replica, SessionCustomizer user) {
        return session -> {
            customize(session, settings);
            sequenceBesideTheSwitch(session, pool);
            if (replica != null) {
                readThroughTheRouter(session, replica.router(pool));
            }
            for (ScopeListener feature : features) {
                feature.customize(session);
            }
            if (user != null) {
                user.customize(session);
            }
        };
    }

    /** Only statements that need nothing back are batched; an IDENTITY insert still runs alone (docs/performance.md). */
    private static void writeInBatches(Properties properties, Settings settings) {
        if (settings.flag(Key.BATCH_WRITING)) {
            properties.put(PersistenceUnitProperties.BATCH_WRITING, "JDBC");
            properties.put(PersistenceUnitProperties.BATCH_WRITING_SIZE, "100");
        }
    }

    private static void customize(Session session, Settings settings) {
        TableNames.apply(session);
        if (settings.flag(Key.BATCH_FETCH)) {
            BatchFetch.apply(session);
        }
        if (settings.flag(Key.INSERT_RETURNING)) {
            InsertReturning.apply(session);
        }
        if (settings.flag(Key.AUTOCOMMIT_SINGLE_UPDATE)) {
            session.getEventManager().addListener(new SingleUpdateCommit());
        }
        session.setSessionLog(new EclipseLinkLog(session.getSessionLog()));
        // EclipseLink retries a read that failed on a broken connection 3 times, 5 s apart: a request
        // would hang for 15 s while the database is down. HikariCP already hands out only connections
        // that work, so fail at once and let DbFilter answer 503.
        session.getLogin().setQueryRetryAttemptCount(0);
    }

    /**
     * EclipseLink's sequencing connection bypasses the {@link ConnectionSwitch}: while a test has
     * redirected the bind into a transaction that it rolls back, a block of ids must still be
     * committed at once, or the next block would repeat ids that this Database already handed out.
     */
    private static void sequenceBesideTheSwitch(Session session, PoolStart pool) {
        if (session instanceof ServerSession server && server.getDatasourceLogin() instanceof DatabaseLogin login) {
            var sequencing = (DatabaseLogin) login.clone();
            sequencing.setConnector(new JNDIConnector(pool.forSequencing()));
            sequencing.useExternalConnectionPooling();
            server.getSequencingControl().setShouldUseSeparateConnection(true);
            server.getSequencingControl().setLogin(sequencing);
        }
    }

    /**
     * EclipseLink's read pool serves a client session's statements until its first write; with a
     * replica, it takes its connections from the router, which picks the replica or the primary
     * per statement. Writes and everything after them keep the bind's own login.
     */
    private static void readThroughTheRouter(Session session, ReplicaRouter router) {
        if (session instanceof ServerSession server && server.getDatasourceLogin() instanceof DatabaseLogin login) {
            var read = (DatabaseLogin) login.clone();
            read.setConnector(new JNDIConnector(router));
            read.useExternalConnectionPooling();
            server.setReadConnectionPool(read);
            // A read outside a transaction that fails on a pooled replica connection that died since (the standby
            // stopped) runs again at once. HikariCP skips its check of a connection used in the last 500 ms, so
            // under load every pooled connection may be such a one: each failure evicts one, and after at most
            // the pool's size the router finds the replica down and takes the primary.
            login.setQueryRetryAttemptCount(router.pool().getMaximumPoolSize() + 1);
            login.setDelayBetweenConnectionAttempts(0);
        }
        for (ClassDescriptor descriptor : session.getDescriptors().values()) {
            // An entity read on a replica that lags, changed and committed, would write its change over the
            // primary's newer row: UPDATE ... WHERE id = ?. Without a version of its own, each UPDATE and DELETE
            // also compares the columns it writes with the values that were read; a row that moved on fails
            // with an OptimisticLockException and nothing is lost.
            if (!descriptor.isAggregateDescriptor() && !descriptor.usesOptimisticLocking()) {
                descriptor.setOptimisticLockingPolicy(new ChangedFieldsLockingPolicy());
            }
        }
    }

    private static SessionCustomizer customizer(String className, ClassLoader loader) {
        try {
            return (SessionCustomizer) Class.forName(className, true, loader).getConstructor().newInstance();
        } catch (ReflectiveOperationException | ClassCastException e) {
            throw new IllegalArgumentException("dbfilter: " + PersistenceUnitProperties.SESSION_CUSTOMIZER + "="
                    + className + " is not a SessionCustomizer with a public no-argument constructor: " + e, e);
        }
    }

    @Override
    public String getPersistenceUnitName() {
        return name;
    }

    @Override
    public String getPersistenceProviderClassName() {
        return PersistenceProvider.class.getName();
    }

    @Override
    public String getScopeAnnotationName() {
        return null;
    }

    @Override
    public List<String> getQualifierAnnotationNames() {
        return List.of();
    }

    @Override
    public PersistenceUnitTransactionType getTransactionType() {
        return PersistenceUnitTransactionType.RESOURCE_LOCAL;
    }

    @Override
    public DataSource getJtaDataSource() {
        return null;
    }

    @Override
    public DataSource getNonJtaDataSource() {
        return pool.forEclipseLink();
    }

    @Override
    public List<String> getMappingFileNames() {
        return List.of();
    }

    @Override
    public List<URL> getJarFileUrls() {
        return List.of();
    }

    /** Where the first entity was loaded from; EclipseLink fails on a null root even when it does not scan. */
    @Override
    public URL getPersistenceUnitRootUrl() {
        var source = classes.get(0).getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null) {
            return source.getLocation();
        }
        try {
            return Path.of("").toAbsolutePath().toUri().toURL();
        } catch (MalformedURLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public List<String> getManagedClassNames() {
        return classes.stream().map(Class::getName).toList();
    }

    @Override
    public boolean excludeUnlistedClasses() {
        return true;
    }

    @Override
    public SharedCacheMode getSharedCacheMode() {
        return SharedCacheMode.UNSPECIFIED;
    }

    @Override
    public ValidationMode getValidationMode() {
        return ValidationMode.AUTO;
    }

    @Override
    public Properties getProperties() {
        return properties;
    }

    @Override
    public String getPersistenceXMLSchemaVersion() {
        return "3.2";
    }

    @Override
    public ClassLoader getClassLoader() {
        return loader;
    }

    /** Weaving is off (no agent, no surprise class rewriting), so there is nothing to register. */
    @Override
    public void addTransformer(ClassTransformer transformer) {
    }

    @Override
    public ClassLoader getNewTempClassLoader() {
        return loader;
    }
}
