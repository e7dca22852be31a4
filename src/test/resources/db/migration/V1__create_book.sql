-- The default bind's first migration in the default location; analytics/ beside it belongs to the bind "analytics".
CREATE TABLE book (id BIGINT NOT NULL PRIMARY KEY, title VARCHAR(200) NOT NULL);
