package io.dbfilter;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.dbfilter.internal.web.ServerTiming;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/** With {@code db.serverTiming}, the response's writer still tells a streaming servlet that the client left. */
class ServerTimingWriterTest {
    /** A container response whose client has gone: every write to its writer fails. */
    private static HttpServletResponse clientGone() {
        var broken = new PrintWriter(new Writer() {
            @Override
            public void write(char[] chars, int offset, int length) throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void flush() throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public void close() {
            }
        });
        return (HttpServletResponse) Proxy.newProxyInstance(HttpServletResponse.class.getClassLoader(),
                new Class<?>[] {HttpServletResponse.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getWriter" -> broken;
                    case "getCharacterEncoding" -> "UTF-8";
                    case "getBufferSize" -> 32768;
                    case "isCommitted" -> true;
                    default -> null;
                });
    }

    @Test
    void checkErrorReportsAClientThatLeftThroughTheServerTimingWrapper() throws IOException {
        try (Database database = TestDatabases.create("db.recordQueries", "true", "db.serverTiming", "true");
                Scope scope = database.open()) {
            ServerTiming timing = database.engines().listener(ServerTiming.class);
            PrintWriter writer = timing.wrap(clientGone(), scope.state()).getWriter();

            writer.print("row 1\n");

            assertTrue(writer.checkError(), "a streaming loop would never see the client leave");
        }
    }
}
