package io.dbfilter;

/**
 * The MariaDB platform under its first name.
 *
 * @since 0.1
 * @deprecated moved to {@link io.dbfilter.platform.MariaDbPlatform}; name that class in
 *             {@code eclipselink.target-database}. This alias goes in 0.2
 */
@Deprecated(since = "0.1", forRemoval = true)
public class MariaDbPlatform extends io.dbfilter.platform.MariaDbPlatform {
    /** Creates the platform; EclipseLink does this from the class name. */
    public MariaDbPlatform() {
    }
}
