package io.dbfilter.bench;

import io.dbfilter.Database;
import io.dbfilter.Db;
import io.dbfilter.DbFilter;
import io.dbfilter.Pagination;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The servlets measured, in pairs: each library servlet (mapped under {@code /lib/}, behind
 * DbFilter) has a twin under {@code /raw/} that does the same work with plain JDBC on the same
 * pool, reads or writes the same columns, and prints the same text.
 */
final class Endpoints {
    static final int PER_PAGE = 20;

    private Endpoints() {
    }

    /** Touches no database: mapped once behind DbFilter and once without, it measures the filter alone. */
    static final class Hello extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            response.setContentType("text/plain");
            response.getWriter().print("hello\n");
        }
    }

    /**
     * A filter that only passes the request on: the price of any filter in Jetty's chain, against
     * which DbFilter's own share of pair (a) can be read.
     */
    static final class PassFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            chain.doFilter(request, response);
        }
    }

    /** GET ?id=: one person through {@code Db.session().find}. */
    static final class LibFind extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Person person = Db.session().find(Person.class, Long.parseLong(request.getParameter("id")));
            if (person == null) {
                response.sendError(404);
                return;
            }
            print(response, person.getId(), person.getUsername(), person.getEmail());
        }
    }

    /** GET ?page=&amp;size=: a page ordered by username through {@code Db.paginate}, with its total. */
    static final class LibPage extends HttpServlet {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            Pagination<Person> page = Db.paginate(
                    Db.session().createQuery("select p from Person p order by p.username", Person.class),
                    Integer.parseInt(request.getParameter("page")), size(request));
            response.setContentType("text/plain");
            PrintWriter out = response.getWriter();
            out.print(page.total() + "\n");
            for (Person person : page.items()) {
                out.print(person.getId() + " " + person.getUsername() + " " + person.getEmail() + "\n");
            }
        }
    }

    /** POST ?username=: persists one person and commits. */
    static final class LibCreate extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String username = request.getParameter("username");
            var person = new Person(username, username + "@example.com");
            Db.session().persist(person);
            Db.commit();
            print(response, person.getId(), person.getUsername(), person.getEmail());
        }
    }

    /** {@code ?size=}: the rows of a page, {@value #PER_PAGE} unless given. */
    static int size(HttpServletRequest request) {
        String size = request.getParameter("size");
        return size == null ? PER_PAGE : Integer.parseInt(size);
    }

    /**
     * The JDBC twins share the pool of the Database that DbFilter uses. A read runs in autocommit
     * (one round trip a statement, no COMMIT), or with {@code ?tx=1} in an explicit transaction, the
     * form that pays one more round trip for its COMMIT: the two baselines of every read pair.
     */
    abstract static class Jdbc extends HttpServlet {
        DataSource pool() {
            return DbFilter.database(getServletContext()).dataSource();
        }

        Connection borrow(HttpServletRequest request) throws SQLException {
            Connection connection = pool().getConnection();
            if (request.getParameter("tx") != null) {
                connection.setAutoCommit(false);
            }
            return connection;
        }

        static void end(Connection connection) throws SQLException {
            if (!connection.getAutoCommit()) {
                connection.commit();
            }
        }
    }

    static final class RawFind extends Jdbc {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            try (Connection connection = borrow(request);
                    PreparedStatement select = connection.prepareStatement(
                            "SELECT id, username, email FROM person WHERE id = ?")) {
                select.setLong(1, Long.parseLong(request.getParameter("id")));
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        response.sendError(404);
                        return;
                    }
                    print(response, row.getLong(1), row.getString(2), row.getString(3));
                }
                end(connection);
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }

    static final class RawPage extends Jdbc {
        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
            int page = Integer.parseInt(request.getParameter("page"));
            int size = size(request);
            try (Connection connection = borrow(request);
                    PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM person");
                    PreparedStatement select = connection.prepareStatement("SELECT id, username, email FROM person"
                            + " ORDER BY username OFFSET ? ROWS FETCH NEXT ? ROWS ONLY")) {
                select.setInt(1, (page - 1) * size);
                select.setInt(2, size);
                response.setContentType("text/plain");
                PrintWriter out = response.getWriter();
                try (ResultSet total = count.executeQuery()) {
                    total.next();
                    out.print(total.getLong(1) + "\n");
                }
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        out.print(rows.getLong(1) + " " + rows.getString(2) + " " + rows.getString(3) + "\n");
                    }
                }
                end(connection);
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }

    /** An explicit transaction, as Db.commit() commits one; ids from {@link IdBlocks}. */
    static final class RawCreate extends Jdbc {
        private IdBlocks ids;

        @Override
        public void init() {
            Database database = DbFilter.database(getServletContext());
            ids = new IdBlocks(database.entityManagerFactory(), database.dataSource());
        }

        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            String username = request.getParameter("username");
            String email = username + "@example.com";
            // Before borrowing: a block refill borrows a connection of its own.
            long id = nextId();
            try (Connection connection = pool().getConnection();
                    PreparedStatement insert = connection.prepareStatement(
                            "INSERT INTO person (id, username, email) VALUES (?, ?, ?)")) {
                connection.setAutoCommit(false);
                insert.setLong(1, id);
                insert.setString(2, username);
                insert.setString(3, email);
                insert.executeUpdate();
                connection.commit();
                print(response, id, username, email);
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }

        private long nextId() throws IOException {
            try {
                return ids.next();
            } catch (SQLException e) {
                throw new IOException(e);
            }
        }
    }

    static void print(HttpServletResponse response, long id, String username, String email)
            throws IOException {
        response.setContentType("text/plain");
        response.getWriter().print(id + " " + username + " " + email + "\n");
    }
}
