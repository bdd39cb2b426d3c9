-- Up Migration

-- What the scheduler has announced as a derived event (libs/contracts: derived.ts), so that each fact is announced
-- once: a follow-up overdue (subject: the follow-up), an offer about to expire (the offer; the fingerprint its
-- expiry, so an amended date is announced again), a high-risk share that moved (country/domain/unit kind, per
-- level; `value` the share last announced, the `previousSharePercent` of the next). Written in the transaction
-- that queues the derived record in projector_outbox, so a record is queued exactly when its claim commits.
CREATE TABLE derived_announcements (
  kind         text NOT NULL,
  subject      text NOT NULL,
  level        text NOT NULL,
  fingerprint  text NOT NULL,
  value        jsonb NOT NULL DEFAULT '{}',
  announced_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, subject, level)
);

-- Down Migration
DROP TABLE derived_announcements;
