package io.dbfilter;

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
import org.eclipse.persistence.jpa.PersistenceProvider;

/**
 * The persistence unit of one Database, described in code so that no persistence.xml is needed:
 * its own name, the listed entity classes only, resource-local transactions on our HikariCP pool,
 * which EclipseLink asks for when it logs in, not while it reads the entities: the pool may still
 * be starting then ({@link PoolStart}).
 */
record UnitInfo(String name, List<Class<?>> classes, PoolStart pool, ClassLoader loader)
        implements PersistenceUnitInfo {

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
        return pool.await();
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
        return new Properties();
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
