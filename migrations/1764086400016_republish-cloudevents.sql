-- Up Migration

-- Events go out as CloudEvents in binary mode: the record's value is the event's data alone, and its attributes
-- (ce_time when it happened, ce_subject its stream, ce_dataschema, the extensions) are headers. Every event
-- already published is queued again, on the same topic and key, so each topic holds every event in the new
-- format after the ones an older build wrote; the relay republishes them in their original commit order.
-- The projector applies none twice (a stream version it has applied is skipped), and reads the older records
-- as before, so a rebuild from a topic that still holds them comes out the same. Downstream consumers drop event
-- ids they have seen, as always (`ce_id`; an older record carries it too), and may skip records without
-- `ce_recordedat`: those are the older format's, each repeated later in the new one.
UPDATE outbox
SET published_at = NULL,
    attempts = 0,
    last_error = NULL,
    held_until = NULL
WHERE published_at IS NOT NULL;

-- Down Migration

-- Nothing to undo: an older build reads neither format's duplicates twice, but it cannot read the new format at
-- all; roll back only with a topic that holds no binary-mode records.
SELECT 1;
