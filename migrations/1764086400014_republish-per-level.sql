-- Up Migration

-- Topics per classification level retire the single `<prefix>.engagement` topic: every event queued for it (all
-- of them, published or not) is queued again for the topic of its level, `<prefix>.engagement.<classification>`,
-- with the same key. The relay republishes them in their original commit order. The projector's checkpoints are
-- per topic, so it reads the new topics from their start, and it applies no event twice: a stream version it
-- has applied is skipped (projection_stream_versions). Downstream consumers move to the topics of their levels
-- and, as always, drop event ids they have seen. The old topic is left on the broker for them until they have
-- moved; nothing writes to it or reads it any more (delete it then: README, "Kafka topics per level").
UPDATE outbox o
SET topic = o.topic || '.' || e.classification,
    published_at = NULL,
    attempts = 0,
    last_error = NULL,
    held_until = NULL
FROM events e
WHERE e.global_position = o.global_position
  AND o.topic LIKE '%.engagement';

-- Down Migration

-- Back onto the single topic, queued again: an older build's projector skips what it has applied.
UPDATE outbox
SET topic = regexp_replace(topic, '\.(unclassified|restricted|confidential|secret)$', ''),
    published_at = NULL,
    attempts = 0,
    last_error = NULL,
    held_until = NULL
WHERE topic ~ '\.engagement\.(unclassified|restricted|confidential|secret)$';
