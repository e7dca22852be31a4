package io.dbfilter.bench;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.DbFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The pairs where ORMs usually lose (issue 24): (e) a page of persons with their latest posts, (g) an
 * update of one loaded row, (h) 100 inserts in one request. Each library servlet is written as a user
 * writes it from the docs, with no tuning; its JDBC twin does the same work as a careful hand would.
 */
final class OrmEndpoints {
    static final int POSTS_SHOWN = 5;
    static final int INSERTS = 100;

    private OrmEndpoints() {
    }

    /** GET ?page=: 20 persons by username, each with its 5 latest posts, through the lazy {@code posts}. */
    static final class LibPosts extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int page = Integer.parseInt(request.getParameter("page"));
            List<Person> people = Db.session().createQuery("select p from Person p order by p.username", Person.class)
                    .setFirstResult((page - 1) * Endpoints.PER_PAGE).setMaxResults(Endpoints.PER_PAGE)
                    .getResultList();
            response.setContentType("text/plain");
            PrintWriter out = response.getWriter();
            for (Person person : people) {
                out.print(person.getId() + " " + person.getUsername() + "\n");
                List<Post> posts = person.getPosts();
                for (Post post : posts.subList(0, Math.min(POSTS_SHOWN, posts.size()))) {
                    out.print("  " + post.getId() + " " + post.getTitle() + "\n");
                }
            }
        }
    }

    /** The page query, then one query for the posts of those ids. */
    static final class RawPosts extends Endpoints.Jdbc {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int page = Integer.parseInt(request.getParameter("page"));
            var people = new LinkedHashMap<Long, String>();
            var posts = new LinkedHashMap<Long, List<String>>();
            try (Connection connection = borrow(request);
                    PreparedStatement select = connection.prepareStatement("SELECT id, username FROM person"
                            + " ORDER BY username OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                select.setInt(1, (page - 1) * Endpoints.PER_PAGE);
                select.setInt(2, Endpoints.PER_PAGE);
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        people.put(rows.getLong(1), rows.getString(2));
                        posts.put(rows.getLong(1), new ArrayList<>());
                    }
                }
                readPosts(connection, posts);
                end(connection);
            } catch (SQLException e) {
                throw new IOException(e);
            }
            response.setContentType("text/plain");
            PrintWriter out = response.getWriter();
            people.forEach((id, username) -> {
                out.print(id + " " + username + "\n");
                posts.get(id).forEach(out::print);
            });
        }

        private static void readPosts(Connection connection, Map<Long, List<String>> posts) throws SQLException {
            if (posts.isEmpty()) {
                return;
            }
            String marks = String.join(", ", java.util.Collections.nCopies(posts.size(), "?"));
            try (PreparedStatement select = connection.prepareStatement("SELECT id, title, author_id FROM post"
                    + " WHERE author_id IN (" + marks + ") ORDER BY author_id, id DESC")) {
                int at = 1;
                for (long id : posts.keySet()) {
                    select.setLong(at++, id);
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        List<String> lines = posts.get(rows.getLong(3));
                        if (lines.size() < POSTS_SHOWN) {
                            lines.add("  " + rows.getLong(1) + " " + rows.getString(2) + "\n");
                        }
                    }
                }
            }
        }
    }

    /** POST ?id=&amp;email=: loads a person, changes its email, commits. */
    static final class LibUpdate extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Person person = Db.session().find(Person.class, Long.parseLong(request.getParameter("id")));
            person.setEmail(request.getParameter("email"));
            Db.commit();
            response.setContentType("text/plain");
            response.getWriter().print(person.getId() + " " + person.getEmail() + "\n");
        }
    }

    /** A single UPDATE in autocommit. */
    static final class RawUpdate extends Endpoints.Jdbc {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            long id = Long.parseLong(request.getParameter("id"));
            String email = request.getParameter("email");
            try (Connection connection = pool().getConnection();
                    PreparedStatement update = connection.prepareStatement("UPDATE person SET email = ? WHERE id = ?")) {
                update.setString(1, email);
                update.setLong(2, id);
                if (update.executeUpdate() != 1) {
                    response.sendError(404);
                    return;
                }
            } catch (SQLException e) {
                throw new IOException(e);
            }
            response.setContentType("text/plain");
            response.getWriter().print(id + " " + email + "\n");
        }
    }

    /** POST ?prefix=[&amp;identity=1]: 100 persons (preallocated ids) or 100 IDENTITY entries, one commit. */
    static final class LibInserts extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String prefix = request.getParameter("prefix");
            boolean identity = request.getParameter("identity") != null;
            var persisted = new ArrayList<Object>();
            for (int i = 0; i < INSERTS; i++) {
                String name = prefix + "-" + i;
                Object row = identity ? new Entry(name) : new Person(name, name + "@example.com");
                Db.session().persist(row);
                persisted.add(row);
            }
            Db.commit();
            response.setContentType("text/plain");
            response.getWriter().print(id(persisted.get(0)) + " " + id(persisted.get(INSERTS - 1)) + "\n");
        }

        private static Long id(Object row) {
            return row instanceof Entry entry ? entry.getId() : ((Person) row).getId();
        }
    }

    /**
     * The same rows in one transaction: persons in one JDBC batch with ids from {@link IdBlocks};
     * entries one INSERT each, the key read back from the INSERT ({@code getGeneratedKeys}).
     */
    static final class RawInserts extends Endpoints.Jdbc {
        private IdBlocks ids;

        @Override
        public void init() {
            Database database = DbFilter.database(getServletContext());
            ids = new IdBlocks(database.entityManagerFactory(), database.dataSource());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String prefix = request.getParameter("prefix");
            long[] range;
            try {
                range = request.getParameter("identity") != null ? entries(prefix) : persons(prefix);
            } catch (SQLException e) {
                throw new IOException(e);
            }
            response.setContentType("text/plain");
            response.getWriter().print(range[0] + " " + range[1] + "\n");
        }

        private long[] persons(String prefix) throws SQLException {
            // Before borrowing: a block refill borrows a connection of its own.
            long[] taken = new long[INSERTS];
            for (int i = 0; i < INSERTS; i++) {
                taken[i] = ids.next();
            }
            try (Connection connection = pool().getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO person (id, username, email) VALUES (?, ?, ?)")) {
                connection.setAutoCommit(false);
                for (int i = 0; i < INSERTS; i++) {
                    insert.setLong(1, taken[i]);
                    insert.setString(2, prefix + "-" + i);
                    insert.setString(3, prefix + "-" + i + "@example.com");
                    insert.addBatch();
                }
                insert.executeBatch();
                connection.commit();
            }
            return new long[] {taken[0], taken[INSERTS - 1]};
        }

        private long[] entries(String prefix) throws SQLException {
            long[] range = new long[2];
            try (Connection connection = pool().getConnection();
                    PreparedStatement insert = connection.prepareStatement("INSERT INTO entry (text) VALUES (?)",
                            Statement.RETURN_GENERATED_KEYS)) {
                connection.setAutoCommit(false);
                for (int i = 0; i < INSERTS; i++) {
                    insert.setString(1, prefix + "-" + i);
                    insert.executeUpdate();
                    try (ResultSet key = insert.getGeneratedKeys()) {
                        key.next();
                        range[i == 0 ? 0 : 1] = key.getLong(1);
                    }
                }
                connection.commit();
            }
            return range;
        }
    }
}
