package ${package};

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.WriterOutput;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;

/** Renders the templates of src/main/jte, compiled at build time; every value is HTML-escaped. */
final class Views {
    private static final TemplateEngine ENGINE = TemplateEngine.createPrecompiled(ContentType.Html);

    private Views() {
    }

    static void render(HttpServletResponse response, int status, String template, Map<String, Object> params)
            throws IOException {
        response.setStatus(status);
        response.setContentType("text/html;charset=UTF-8");
        ENGINE.render(template, params, new WriterOutput(response.getWriter()));
    }
}
