-- Up Migration

-- Money in integer minor units of its currency's ISO 4217 exponent (JPY 0, USD 2, KWD 3), no longer as a float of
-- major units. Events keep what they recorded (older schema versions are upcast on read); the read models are
-- converted here: the dependency ledger's value to bigint minor units, and money in the JSON the registers and
-- the timeline answer with, `{ "amount": 25000000, "currency": "USD" }`, to the form the API now answers,
-- `{ "amount": "25000000.00", "minor": "2500000000", "currency": "USD" }`. Amounts with more fraction digits than
-- their currency has (the old API took two in any currency) are rounded half away from zero, as the upcasters do.
-- That holds for amounts as recorded. A contract's per-vendor shares of its value (ledger rows, register holdings)
-- were spread by the old code in hundredths; converted one by one here, in a currency whose exponent is not 2
-- they can differ by a few minor units from what the new code spreads from the upcast events (and no longer add
-- up to the contract's value). After upgrading a database that holds such contracts, run
-- `npm run projections:rebuild`, which recomputes all three from the events.

-- Currencies whose exponent is not 2 (libs/domain/src/shared/currencies.ts holds the whole table).
CREATE FUNCTION pg_temp.currency_exponent(code text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce((SELECT e.exponent FROM (VALUES
    ('BHD', 3), ('BIF', 0), ('CLF', 4), ('CLP', 0), ('DJF', 0), ('GNF', 0), ('IQD', 3), ('ISK', 0), ('JOD', 3),
    ('JPY', 0), ('KMF', 0), ('KRW', 0), ('KWD', 3), ('LYD', 3), ('OMR', 3), ('PYG', 0), ('RWF', 0), ('TND', 3),
    ('UGX', 0), ('UYI', 0), ('UYW', 4), ('VND', 0), ('VUV', 0), ('XAF', 0), ('XAG', 0), ('XAU', 0), ('XBA', 0),
    ('XBB', 0), ('XBC', 0), ('XBD', 0), ('XDR', 0), ('XOF', 0), ('XPD', 0), ('XPF', 0), ('XPT', 0), ('XSU', 0),
    ('XTS', 0), ('XUA', 0), ('XXX', 0)) AS e(code, exponent) WHERE e.code = $1), 2)
$$;

-- Major units (exact numeric) in minor units of a currency. The old API took up to 1e15 in any currency, which in
-- a currency of exponent 4 (CLF, UYW) is more than the 18 digits money now keeps: refused by name, not as an
-- anonymous "bigint out of range" half-way through.
CREATE FUNCTION pg_temp.minor_units(major numeric, code text) RETURNS bigint LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  minor numeric := round(major * 10::numeric ^ pg_temp.currency_exponent(code));
BEGIN
  IF abs(minor) >= 10::numeric ^ 18 THEN
    RAISE EXCEPTION 'an amount of % % is % minor units, more than the 18 digits money keeps; correct or retract its entry with the previous version before upgrading', major, code, minor;
  END IF;
  RETURN minor::bigint;
END
$$;

-- Every old money object in a JSON document, at any depth, in the API's new form.
CREATE FUNCTION pg_temp.money_views(doc jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
DECLARE
  minor bigint;
  exponent integer;
BEGIN
  IF jsonb_typeof(doc) = 'object' THEN
    IF (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(doc) AS k) = ARRAY['amount', 'currency']
       AND jsonb_typeof(doc->'amount') = 'number' AND jsonb_typeof(doc->'currency') = 'string' THEN
      exponent := pg_temp.currency_exponent(doc->>'currency');
      minor := pg_temp.minor_units((doc->>'amount')::numeric, doc->>'currency');
      RETURN jsonb_build_object(
        'amount', round(minor::numeric / 10::numeric ^ exponent, exponent)::text,
        'minor', minor::text,
        'currency', doc->>'currency');
    END IF;
    RETURN (SELECT coalesce(jsonb_object_agg(key, pg_temp.money_views(value)), '{}'::jsonb) FROM jsonb_each(doc));
  ELSIF jsonb_typeof(doc) = 'array' THEN
    RETURN (SELECT coalesce(jsonb_agg(pg_temp.money_views(value) ORDER BY n), '[]'::jsonb)
            FROM jsonb_array_elements(doc) WITH ORDINALITY AS a(value, n));
  END IF;
  RETURN doc;
END
$$;

ALTER TABLE contract_holdings
  ALTER COLUMN value_delta TYPE bigint USING pg_temp.minor_units(value_delta, currency);

UPDATE registers SET state = pg_temp.money_views(state);
-- A contract's holdings: each vendor's share of the value, now minor units of the contract's currency as text.
UPDATE registers SET state = jsonb_set(state, '{holdings}', (
  SELECT coalesce(jsonb_agg(h || jsonb_build_object('value',
           pg_temp.minor_units((h->>'value')::numeric, state->'value'->>'currency')::text) ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements(state->'holdings') WITH ORDINALITY AS a(h, n)))
WHERE kind = 'contract' AND jsonb_typeof(state->'holdings') = 'array';

UPDATE country_timeline SET data = pg_temp.money_views(data), trail = pg_temp.money_views(trail);

-- Down Migration
-- Back to floats of major units in the read models. Events recorded in the new schema versions stay, and a build
-- before this one cannot read them: roll back only together with the events recorded since, or not at all.

CREATE FUNCTION pg_temp.currency_exponent(code text) RETURNS integer LANGUAGE sql IMMUTABLE AS $$
  SELECT coalesce((SELECT e.exponent FROM (VALUES
    ('BHD', 3), ('BIF', 0), ('CLF', 4), ('CLP', 0), ('DJF', 0), ('GNF', 0), ('IQD', 3), ('ISK', 0), ('JOD', 3),
    ('JPY', 0), ('KMF', 0), ('KRW', 0), ('KWD', 3), ('LYD', 3), ('OMR', 3), ('PYG', 0), ('RWF', 0), ('TND', 3),
    ('UGX', 0), ('UYI', 0), ('UYW', 4), ('VND', 0), ('VUV', 0), ('XAF', 0), ('XAG', 0), ('XAU', 0), ('XBA', 0),
    ('XBB', 0), ('XBC', 0), ('XBD', 0), ('XDR', 0), ('XOF', 0), ('XPD', 0), ('XPF', 0), ('XPT', 0), ('XSU', 0),
    ('XTS', 0), ('XUA', 0), ('XXX', 0)) AS e(code, exponent) WHERE e.code = $1), 2)
$$;

CREATE FUNCTION pg_temp.money_floats(doc jsonb) RETURNS jsonb LANGUAGE plpgsql IMMUTABLE AS $$
BEGIN
  IF jsonb_typeof(doc) = 'object' THEN
    IF (SELECT array_agg(k ORDER BY k) FROM jsonb_object_keys(doc) AS k) = ARRAY['amount', 'currency', 'minor'] THEN
      RETURN jsonb_build_object('amount', (doc->>'amount')::numeric, 'currency', doc->>'currency');
    END IF;
    RETURN (SELECT coalesce(jsonb_object_agg(key, pg_temp.money_floats(value)), '{}'::jsonb) FROM jsonb_each(doc));
  ELSIF jsonb_typeof(doc) = 'array' THEN
    RETURN (SELECT coalesce(jsonb_agg(pg_temp.money_floats(value) ORDER BY n), '[]'::jsonb)
            FROM jsonb_array_elements(doc) WITH ORDINALITY AS a(value, n));
  END IF;
  RETURN doc;
END
$$;

UPDATE country_timeline SET data = pg_temp.money_floats(data), trail = pg_temp.money_floats(trail);
UPDATE registers SET state = jsonb_set(state, '{holdings}', (
  SELECT coalesce(jsonb_agg(h || jsonb_build_object('value',
           (h->>'value')::numeric / 10::numeric ^ pg_temp.currency_exponent(state->'value'->>'currency'))
           ORDER BY n), '[]'::jsonb)
  FROM jsonb_array_elements(state->'holdings') WITH ORDINALITY AS a(h, n)))
WHERE kind = 'contract' AND jsonb_typeof(state->'holdings') = 'array';
UPDATE registers SET state = pg_temp.money_floats(state);
ALTER TABLE contract_holdings
  ALTER COLUMN value_delta TYPE numeric USING value_delta / 10::numeric ^ pg_temp.currency_exponent(currency);
