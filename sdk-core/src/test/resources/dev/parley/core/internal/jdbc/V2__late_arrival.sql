-- A test script reserved by work merged later than V3.
INSERT INTO migration_probe (version) VALUES (2);
