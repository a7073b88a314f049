-- A test script: the first version.
CREATE TABLE migration_probe (version INTEGER NOT NULL);
INSERT INTO migration_probe (version) VALUES (1);
