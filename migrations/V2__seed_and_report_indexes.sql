-- Why: indexes the incremental seeder and the shipped reports need at 100,000
-- documents. Replacing one changed file deletes its documents, and ON DELETE
-- CASCADE then searches warnings by document_id: without an index that is
-- a scan of every warning per deleted document.
CREATE INDEX warnings_document ON warnings (document_id);
