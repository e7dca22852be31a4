-- PostgreSQL only. The pause keeps this migration running while a second node starts, so that
-- only Flyway's lock can keep the second from applying it again.
SELECT pg_sleep(1);
ALTER TABLE book ADD COLUMN isbn VARCHAR(20);
