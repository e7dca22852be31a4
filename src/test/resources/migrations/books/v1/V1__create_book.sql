-- Portable on Derby, PostgreSQL and MariaDB, so that one folder serves every database in the tests.
CREATE TABLE book (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL);
