package io.dbfilter.internal.eclipselink;

import jakarta.persistence.Table;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.eclipse.persistence.descriptors.ClassDescriptor;
import org.eclipse.persistence.internal.helper.DatabaseField;
import org.eclipse.persistence.internal.helper.DatabaseTable;
import org.eclipse.persistence.mappings.DatabaseMapping;
import org.eclipse.persistence.mappings.DirectCollectionMapping;
import org.eclipse.persistence.mappings.ManyToManyMapping;
import org.eclipse.persistence.mappings.ObjectReferenceMapping;
import org.eclipse.persistence.mappings.OneToManyMapping;
import org.eclipse.persistence.mappings.OneToOneMapping;
import org.eclipse.persistence.mappings.foundation.AbstractDirectMapping;
import org.eclipse.persistence.sessions.Session;

/**
 * Gives entities snake_case table and column names where the model did not name them, and quotes
 * the names that are reserved words on the database at hand.
 *
 * <p>EclipseLink has no naming-strategy hook: its defaults are upper-cased entity and attribute
 * names ({@code BLOGPOST}, {@code CREATEDAT}), fixed by the time a session customizer runs. So this
 * runs as the customizer, before login and DDL, and renames what was defaulted: {@code BlogPost}
 * gets {@code blog_post}, {@code createdAt} gets {@code created_at}, a to-one {@code author} gets
 * {@code author_id}; join tables and their key columns are lower-cased. A name given in
 * {@code @Table} or {@code @Column} is left alone. Several EclipseLink objects can describe one
 * table or column, so every name is renamed through one map from its old name.
 */
public final class TableNames {
    private final boolean mysqlFamily;
    private final Map<String, String> tables = new HashMap<>();
    private final Map<String, String> columns = new HashMap<>();
    /** Which entity took each generated table name, so that two entities never share one by accident. */
    private final Map<String, Class<?>> owners = new HashMap<>();
    private String descriptorTable = "";

    private TableNames(boolean mysqlFamily) {
        this.mysqlFamily = mysqlFamily;
    }

    public static void apply(Session session) {
        // MariaDBPlatform extends MySQLPlatform but answers false to isMySQL().
        var platform = session.getPlatform();
        var names = new TableNames(platform.isMySQL() || platform.isMariaDB());
        Collection<ClassDescriptor> descriptors = session.getDescriptors().values();
        descriptors.forEach(names::plan);
        descriptors.forEach(names::rename);
    }

    private void plan(ClassDescriptor descriptor) {
        String table = descriptor.getTables().isEmpty() ? "" : descriptor.getTableName();
        Table annotation = descriptor.getJavaClass().getAnnotation(Table.class);
        boolean named = annotation != null && !annotation.name().isEmpty();
        if (!table.isEmpty() && !named && table.equalsIgnoreCase(descriptor.getAlias())) {
            // A nested entity's default name is Outer$BlogPost: its table is named after BlogPost alone.
            String alias = descriptor.getAlias();
            tables.put(key(table), claim(Naming.snakeCase(alias.substring(alias.lastIndexOf('$') + 1)),
                    descriptor.getJavaClass()));
        }
        for (DatabaseMapping mapping : descriptor.getMappings()) {
            String attribute = mapping.getAttributeName();
            if (mapping instanceof AbstractDirectMapping direct && direct.getField() != null
                    && direct.getField().getName().equals(attribute.toUpperCase(Locale.ROOT))) {
                columns.put(key(table, direct.getField().getName()), Naming.snakeCase(attribute));
            }
        }
    }

    private String claim(String name, Class<?> entity) {
        Class<?> other = owners.putIfAbsent(name, entity);
        if (other != null) {
            throw new IllegalArgumentException("dbfilter: the entities " + other.getName() + " and " + entity.getName()
                    + " would both get the table " + name + ". Give one of them its own name with"
                    + " @Table(name = \"...\"), or rename one of the classes.");
        }
        return name;
    }

    private void rename(ClassDescriptor descriptor) {
        descriptorTable = descriptor.getTables().isEmpty() ? "" : oldKey(descriptor.getTableName());
        descriptor.getTables().forEach(this::table);
        descriptor.getPrimaryKeyFields().forEach(this::column);
        if (descriptor.getSequenceNumberField() != null) {
            column(descriptor.getSequenceNumberField());
        }
        for (DatabaseMapping mapping : descriptor.getMappings()) {
            if (mapping instanceof AbstractDirectMapping direct && direct.getField() != null) {
                column(direct.getField());
            } else if (mapping instanceof ObjectReferenceMapping reference) {
                foreignKeys(reference);
            } else if (mapping instanceof ManyToManyMapping many) {
                joinTable(many.getRelationTable(), many.getSourceKeyFields(), many.getSourceRelationKeyFields(),
                        many.getTargetKeyFields(), many.getTargetRelationKeyFields());
            } else if (mapping instanceof OneToManyMapping oneToMany) {
                oneToMany.getSourceKeyFields().forEach(this::column);
                oneToMany.getTargetForeignKeyFields().forEach(this::column);
            } else if (mapping instanceof DirectCollectionMapping elements) {
                joinTable(elements.getReferenceTable(), elements.getSourceKeyFields(),
                        elements.getReferenceKeyFields(), List.of(elements.getDirectField()), List.of());
            }
        }
    }

    private void foreignKeys(ObjectReferenceMapping reference) {
        if (!(reference instanceof OneToOneMapping oneToOne)) {
            return;
        }
        if (!oneToOne.isOptional()) {
            // As Hibernate does: @ManyToOne(optional = false) makes the foreign key NOT NULL in the DDL.
            oneToOne.getForeignKeyFields().forEach(field -> field.setNullable(false));
        }
        String attribute = reference.getAttributeName();
        for (Map.Entry<DatabaseField, DatabaseField> pair : new ArrayList<>(
                oneToOne.getSourceToTargetKeyFields().entrySet())) {
            DatabaseField foreign = pair.getKey();
            DatabaseField target = pair.getValue();
            boolean defaulted = foreign.getName().equals(
                    (attribute + "_" + target.getName()).toUpperCase(Locale.ROOT));
            column(target);
            if (defaulted) {
                String name = Naming.snakeCase(attribute) + "_" + target.getName().toLowerCase(Locale.ROOT);
                columns.putIfAbsent(key(tableOf(foreign), foreign.getName()), name);
            }
            column(foreign);
        }
        oneToOne.getForeignKeyFields().forEach(this::column);
    }

    /** A join table named by EclipseLink (no {@code @JoinTable} name) has defaulted key columns too. */
    @SafeVarargs
    private void joinTable(DatabaseTable table, List<DatabaseField>... fieldLists) {
        boolean defaulted = table != null && (isDefaulted(table.getName()) || tables.containsKey(key(table.getName())));
        if (defaulted) {
            tables.putIfAbsent(key(table.getName()), renamedPrefix(table.getName()));
            table(table);
        }
        for (List<DatabaseField> fields : fieldLists) {
            for (DatabaseField field : fields) {
                if (field == null) {
                    continue;
                }
                if (defaulted && field.getTable() == table) {
                    columns.putIfAbsent(key(tableOf(field), field.getName()),
                            renamedPrefix(field.getName().toUpperCase(Locale.ROOT)));
                }
                column(field);
            }
        }
    }

    private static boolean isDefaulted(String name) {
        return name.equals(name.toUpperCase(Locale.ROOT));
    }

    /**
     * A defaulted join-table name or key column, lower-cased, with the entity table names in it
     * renamed: EclipseLink builds {@code BLOGPOST_TAG} and {@code BLOGPOST_ID} from the old table
     * names, which become {@code blog_post_tag} and {@code blog_post_id}.
     */
    private String renamedPrefix(String name) {
        String rest = name;
        var renamed = new StringBuilder();
        while (!rest.isEmpty()) {
            String match = null;
            for (String old : tables.keySet()) {
                if ((rest.equals(old) || rest.startsWith(old + "_")) && (match == null || old.length() > match.length())) {
                    match = old;
                }
            }
            int end = match != null ? match.length() : rest.indexOf('_') < 0 ? rest.length() : rest.indexOf('_');
            renamed.append(match != null ? tables.get(match) : rest.substring(0, end).toLowerCase(Locale.ROOT));
            rest = rest.substring(end);
            if (rest.startsWith("_")) {
                renamed.append('_');
                rest = rest.substring(1);
            }
        }
        return renamed.toString();
    }

    private void table(DatabaseTable table) {
        String name = tables.get(key(table.getName()));
        if (name != null) {
            table.setUseDelimiters(ReservedWords.isReserved(name, mysqlFamily));
            table.setName(name);
        }
    }

    private void column(DatabaseField field) {
        String table = tableOf(field);
        String name = columns.get(key(table, field.getName()));
        if (field.getTable() != null) {
            table(field.getTable());
        }
        if (name != null) {
            field.setUseDelimiters(ReservedWords.isReserved(name, mysqlFamily));
            field.setName(name);
        }
    }

    /** The name a field's table had before any renaming, so that lookups see one key. */
    private String tableOf(DatabaseField field) {
        if (field.getTable() == null || field.getTableName() == null || field.getTableName().isEmpty()) {
            return descriptorTable;
        }
        return oldKey(field.getTableName());
    }

    private String oldKey(String current) {
        for (Map.Entry<String, String> rename : tables.entrySet()) {
            if (rename.getValue().equals(current)) {
                return rename.getKey();
            }
        }
        return key(current);
    }

    private static String key(String table) {
        return table.toUpperCase(Locale.ROOT);
    }

    private static String key(String table, String column) {
        return key(table) + "." + column.toUpperCase(Locale.ROOT);
    }
}
