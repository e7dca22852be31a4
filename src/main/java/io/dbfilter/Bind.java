package io.dbfilter;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Puts an entity in one of the extra databases named in {@code db.binds}, like Flask-SQLAlchemy's
 * {@code __bind_key__}: its table is created there, and {@link Db#sessionFor(Class)},
 * {@link Db#getOr404(Class, Object)} and {@link Db#session(String)} reach it there.
 *
 * <pre>{@code
 * @Entity
 * @Bind("analytics")
 * public class PageView { ... }
 * }</pre>
 *
 * <p>The annotation wins over the packages that find the class: an annotated class found by
 * {@code db.packages} belongs to its bind, not to the default one. Naming a bind that
 * {@code db.binds} does not list, or a bind other than the one whose {@code db.bind.<name>.entities}
 * or {@code .packages} lists the class, stops start-up with an error. Subclasses inherit the
 * annotation, so that an inheritance hierarchy stays in one database. An entity without it belongs
 * to the bind whose {@code entities} or {@code packages} list it, else to the default bind. See
 * docs/binds.md.
 *
 * @since 0.1
 */
@Documented
@Inherited
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Bind {
    /**
     * The bind's name, as listed in {@code db.binds}.
     *
     * @return the bind's name
     */
    String value();
}
