package io.dbfilter.test.notes;

import io.dbfilter.Db;
import jakarta.persistence.PersistenceException;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The application under test: {@code POST /notes} saves a note and commits (409 when the title is
 * taken; with {@code explode=1} it throws after the commit), {@code GET /notes} lists the titles,
 * one a line, in title order.
 */
public class NoteServlet extends HttpServlet {
    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
        Db.session().persist(new Note(request.getParameter("title")));
        try {
            Db.commit();
        } catch (PersistenceException e) {
            response.sendError(409, "title taken");
            return;
        }
        if (request.getParameter("explode") != null) {
            throw new ServletException("the servlet failed after its commit");
        }
        response.sendRedirect("/notes");
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        for (String title : Db.session().createQuery("select n.title from Note n order by n.title", String.class)
                .getResultList()) {
            response.getWriter().println(title);
        }
    }
}
