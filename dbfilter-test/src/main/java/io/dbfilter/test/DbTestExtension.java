package io.dbfilter.test;

import io.dbfilter.Database;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * The JUnit 5 extension behind {@link DbTest}: a Database per test class, each test rolled back.
 * {@code @DbTest} registers it; {@code @ExtendWith(DbTestExtension.class)} with {@link DbSettings}
 * does the same without a web application.
 *
 * <p>A {@code @Nested} class shares its enclosing class's Database and application.
 *
 * @since 0.1
 */
public final class DbTestExtension implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback,
        AfterEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(DbTestExtension.class);

    /** Made by JUnit, from {@link DbTest} or {@code @ExtendWith}. */
    public DbTestExtension() {
    }

    /**
     * Builds the class's Database, creates its tables, and starts its application when asked to.
     *
     * @param context the test class's context
     * @throws Exception when the Database or the application cannot start, with the cause and the fix
     */
    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        // The store looks in the enclosing classes' contexts too: a @Nested class uses theirs.
        if (store.get(ClassDatabase.class, ClassDatabase.class) == null) {
            store.put(ClassDatabase.class, ClassDatabase.start(context.getRequiredTestClass()));
        }
    }

    /**
     * Stops the application and closes the Database, after the class that built them.
     *
     * @param context the test class's context
     * @throws Exception from stopping them
     */
    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        ExtensionContext.Store store = context.getStore(NAMESPACE);
        ClassDatabase built = store.get(ClassDatabase.class, ClassDatabase.class);
        if (built != null && built.testClass == context.getRequiredTestClass()) {
            store.remove(ClassDatabase.class);
            built.close();
        }
    }

    /**
     * Begins the test's transaction, which every scope of the Database joins until the test ends.
     *
     * @param context the test's context
     * @throws Exception when no connection can be taken for it
     */
    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        of(context).beginTest();
    }

    /**
     * Rolls the test's transaction back, passed or failed, and fails the test if a scope still
     * held the connection when it ended.
     *
     * @param context the test's context
     * @throws Exception when the rollback fails
     */
    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        String unclean = of(context).endTest();
        if (unclean != null) {
            throw new AssertionError("dbfilter-test: " + unclean);
        }
    }

    /**
     * Whether the parameter is a {@link Database} or a {@link TestServer}.
     *
     * @param parameter the parameter to resolve
     * @param context   the context it is resolved in
     * @return true for the two types this extension provides
     */
    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == Database.class || type == TestServer.class;
    }

    /**
     * The class's Database or application.
     *
     * @param parameter the parameter to resolve
     * @param context   the context it is resolved in
     * @return the Database or the TestServer
     * @throws ParameterResolutionException for a TestServer when the class starts no application
     */
    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        ClassDatabase classDatabase = of(context);
        if (parameter.getParameter().getType() == Database.class) {
            return classDatabase.database;
        }
        if (classDatabase.server == null) {
            throw new ParameterResolutionException("dbfilter-test: " + context.getRequiredTestClass().getName()
                    + " asks for a TestServer but starts no application: give @DbTest a webApp (such as"
                    + " \"src/main/webapp\") or servlets");
        }
        return classDatabase.server;
    }

    private static ClassDatabase of(ExtensionContext context) {
        ClassDatabase found = context.getStore(NAMESPACE).get(ClassDatabase.class, ClassDatabase.class);
        if (found == null) {
            throw new IllegalStateException("dbfilter-test: no Database for " + context.getRequiredTestClass().getName()
                    + "; register the extension on the class (@DbTest), not on a method");
        }
        return found;
    }
}
