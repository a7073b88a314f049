-- A test script numbered after V2 but shipped first.
INSERT INTO migration_probe (version) VALUES (3);
