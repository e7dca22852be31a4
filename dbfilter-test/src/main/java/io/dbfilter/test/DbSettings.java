package io.dbfilter.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Settings for a {@link DbTest} class's Database, as {@code key=value} pairs with the keys of
 * {@code DbFilter}'s init-params: {@code @DbSettings({"db.packages=com.example.model",
 * "db.url=jdbc:derby:memory:users;create=true"})}. They win over the web application's
 * {@code web.xml}; {@code db.*} system properties and environment variables win over them, as
 * they do in production.
 *
 * @since 0.1
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
public @interface DbSettings {
    /**
     * The settings, each {@code key=value}.
     *
     * @return the settings
     */
    String[] value();
}
