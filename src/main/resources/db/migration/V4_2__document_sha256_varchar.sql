-- varchar rather than char: what Hibernate's schema validation (prod) expects for a String.
ALTER TABLE document ALTER COLUMN sha256 TYPE varchar(64);
