package io.dbfilter.internal.web;

import io.dbfilter.internal.scope.ScopeState;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;

/**
 * The response of a request with {@code db.serverTiming}: sets {@code Server-Timing: db;dur=<ms>;desc="<n> queries"}
 * with the statements recorded so far just before the response can be committed, because a header
 * added after that never reaches the client.
 *
 * <p>The Servlet API has no "about to commit" callback, so this sets the header again at every
 * point that can commit: flushing, closing, sending an error or redirect, and any write that could
 * fill the container's buffer (or reach the declared content length), counting written characters
 * at the charset's most bytes per character so as to err early. Before a real commit the last value
 * wins; the filter sets it a final time when the servlet returns. The filter wraps a response only when
 * the setting is on.
 */
public final class ServerTimingResponse extends HttpServletResponseWrapper {
    private final ServerTiming timing;
    private final ScopeState scope;
    private ServletOutputStream stream;
    private PrintWriter writer;
    /** Bytes written since the last reset, or more: an upper bound for text. */
    private long written;
    private long contentLength = -1;

    ServerTimingResponse(HttpServletResponse response, ServerTiming timing, ScopeState scope) {
        super(response);
        this.timing = timing;
        this.scope = scope;
    }

    /** Sets the header to the total so far, unless the response is committed (the container would drop it). */
    public void stamp() {
        if (!isCommitted()) {
            setHeader(ServerTiming.HEADER, timing.value(scope));
        }
    }

    private void aboutToWrite(long bytes) {
        long limit = contentLength >= 0 ? Math.min(contentLength, getBufferSize()) : getBufferSize();
        if (written + bytes >= limit) {
            stamp();
        }
        written += bytes;
    }

    @Override
    public void flushBuffer() throws IOException {
        stamp();
        super.flushBuffer();
    }

    @Override
    public void sendError(int status) throws IOException {
        stamp();
        super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
        stamp();
        super.sendError(status, message);
    }

    @Override
    public void sendRedirect(String location) throws IOException {
        stamp();
        super.sendRedirect(location);
    }

    @Override
    public void setContentLength(int length) {
        super.setContentLength(length);
        contentLength = length;
    }

    @Override
    public void setContentLengthLong(long length) {
        super.setContentLengthLong(length);
        contentLength = length;
    }

    @Override
    public void reset() {
        super.reset();
        written = 0;
        contentLength = -1;
    }

    @Override
    public void resetBuffer() {
        super.resetBuffer();
        written = 0;
    }

    @Override
    public ServletOutputStream getOutputStream() throws IOException {
        if (stream == null) {
            stream = new Stream(super.getOutputStream());
        }
        return stream;
    }

    @Override
    public PrintWriter getWriter() throws IOException {
        if (writer == null) {
            PrintWriter container = super.getWriter();
            writer = new PrintWriter(new Text(container, bytesPerChar(getCharacterEncoding()))) {
                // The container's writer, like every PrintWriter, swallows the IOException of a client that
                // left and only reports it here: a streaming loop on checkError() must still see it.
                @Override
                public boolean checkError() {
                    boolean ours = super.checkError();
                    return container.checkError() || ours;
                }
            };
        }
        return writer;
    }

    private static int bytesPerChar(String encoding) {
        try {
            return (int) Math.ceil(Charset.forName(encoding).newEncoder().maxBytesPerChar());
        } catch (RuntimeException e) {
            return 4;
        }
    }

    private final class Stream extends ServletOutputStream {
        private final ServletOutputStream out;

        Stream(ServletOutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            aboutToWrite(1);
            out.write(b);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            aboutToWrite(length);
            out.write(bytes, offset, length);
        }

        @Override
        public void flush() throws IOException {
            stamp();
            out.flush();
        }

        @Override
        public void close() throws IOException {
            stamp();
            out.close();
        }

        @Override
        public boolean isReady() {
            return out.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            out.setWriteListener(listener);
        }
    }

    private final class Text extends Writer {
        private final PrintWriter out;
        private final int bytesPerChar;

        Text(PrintWriter out, int bytesPerChar) {
            this.out = out;
            this.bytesPerChar = bytesPerChar;
        }

        @Override
        public void write(char[] chars, int offset, int length) throws IOException {
            aboutToWrite((long) length * bytesPerChar);
            out.write(chars, offset, length);
        }

        @Override
        public void write(String text, int offset, int length) throws IOException {
            aboutToWrite((long) length * bytesPerChar);
            out.write(text, offset, length);
        }

        @Override
        public void write(int c) throws IOException {
            aboutToWrite(bytesPerChar);
            out.write(c);
        }

        @Override
        public void flush() {
            stamp();
            out.flush();
        }

        @Override
        public void close() {
            stamp();
            out.close();
        }
    }
}
