INSERT INTO notes (body) VALUES ('from the file');
