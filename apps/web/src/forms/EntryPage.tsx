import { useEffect, useRef, useState } from 'react';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/client';
import type { EntryView, Problem } from '../api/types';
import { useResource } from '../api/use-resource';
import { ClassificationMark } from '../components/ClassificationMark';
import { countryName, day, kindOf } from '../format';
import { useSession } from '../session/session-context';
import { awaitProjected, getEntry, getSubject, type SubjectItem, sendCommand } from './api';
import { CommandForm } from './CommandForm';
import {
  actionsFor,
  correctionFields,
  type EntryAction,
  entryAction,
  labelOf,
  recordingFields,
  subjectOf,
} from './catalogue';
import {
  correctionBody,
  correctionPrefill,
  type Difference,
  defaultValues,
  differences,
  displayValue,
  type FieldSpec,
  type FormValues,
  toBody,
} from './spec';
import './forms.css';

interface Loaded {
  readonly entry: EntryView;
  readonly version: number | undefined;
  readonly item: SubjectItem | undefined;
}

async function load(token: string, eventId: string, signal?: AbortSignal): Promise<Loaded> {
  const { entry, version } = await getEntry(token, eventId, signal);
  const subject = subjectOf(entry.streamId);
  const item = subject ? await getSubject(token, entry.country, subject, signal) : undefined;
  return { entry, version, item };
}

/** `/entries/:eventId`: one entry and what may be done to it; `/entries/:eventId/:action`: that action's form. */
export function EntryPage() {
  const { eventId = '', action: actionSlug } = useParams();
  const { session, signOut } = useSession();
  const location = useLocation();
  const token = session?.token ?? '';
  // Loaded again on each page of it and after each recorded action, but not on an in-page link (a hash change,
  // which the router reports as a new location: it would throw away a form being filled in).
  const recordedNow = (location.state as { recorded?: string } | null)?.recorded ?? '';
  const resource = useResource(
    `${location.pathname}:${recordedNow}`,
    (signal) => load(token, eventId, signal),
    signOut,
  );

  if (!session) return null;
  if (resource.state === 'loading') {
    return (
      <main id="main" className="page">
        <p role="status">Loading the entry…</p>
      </main>
    );
  }
  if (resource.state === 'failed') {
    const notFound = resource.error instanceof ApiError && resource.error.problem.status === 404;
    return (
      <main id="main" className="page">
        <h1>{notFound ? 'No such entry' : 'The entry could not be loaded'}</h1>
        <p>{notFound ? 'It does not exist, or it is not yet on the timeline.' : resource.error.message}</p>
        <p>
          <Link to="/">Back to the countries</Link>
        </p>
      </main>
    );
  }
  const loaded = resource.value;
  const { entry } = loaded;
  const mayChange =
    session.role === 'desk_officer' &&
    (session.countries === null || session.countries.includes(entry.country));
  const actions = mayChange ? actionsFor(entry.streamId, loaded.item?.status, entry.retracted) : [];
  const action = entryAction(actionSlug);
  const recorded = (location.state as { recorded?: string } | null)?.recorded;

  return (
    <main id="main" className="page fm-entry-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/countries/${entry.country}`}>{countryName(entry.country)}</Link>
        {action && (
          <>
            {' / '}
            <Link to={`/entries/${entry.eventId}`}>{entry.headline}</Link>
          </>
        )}
      </nav>
      {!action ? (
        <>
          {recorded && (
            <p className="fm-notice fm-success" role="status">
              Recorded. This is the entry as it now stands.
            </p>
          )}
          <EntrySummary loaded={loaded} />
          <Actions entry={entry} actions={actions} mayChange={mayChange} />
        </>
      ) : actions.some((a) => a.slug === action.slug) ? (
        <ActionForm key={`${action.slug}:${recordedNow}`} loaded={loaded} action={action} />
      ) : (
        <>
          <h1>{action.title}</h1>
          <p className="fm-notice">
            {mayChange
              ? `This does not apply to this entry${loaded.item ? ` (it is ${loaded.item.status})` : ''}.`
              : `Only desk officers for ${countryName(entry.country)} change its entries.`}
          </p>
          <p>
            <Link to={`/entries/${entry.eventId}`}>Back to the entry</Link>
          </p>
        </>
      )}
    </main>
  );
}

const ITEM_HIDDEN = new Set([
  'id',
  'streamId',
  'version',
  'country',
  'classification',
  'occurredAt',
  'status',
  'source',
  'confidence',
]);

/** "vendorsDiscussed" → "Vendors discussed". */
const words = (key: string) => labelOf(key.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase());

/** Entries that open a register item, whose current state the item shows. */
const OPENING = new Set([
  'IncentiveOffered',
  'ContractAwarded',
  'TechnicalSupportCommitted',
  'FollowUpAssigned',
]);

function EntrySummary({ loaded }: { loaded: Loaded }) {
  const { entry, item } = loaded;
  const tags = [...new Set([...entry.participants, ...entry.topics, ...entry.vendors])];
  // What the entry itself says; for the entry that opened an offer, contract, support or follow-up, the register
  // item below says it as it now stands.
  const recording = recordingFields(entry.eventType);
  const order = (key: string) => {
    const index = recording.findIndex((field) => field.name === key);
    return index < 0 ? recording.length : index;
  };
  const labelFor = (key: string) => recording.find((field) => field.name === key)?.label ?? words(key);
  const details = OPENING.has(entry.eventType)
    ? []
    : Object.entries((entry.data ?? {}) as Record<string, unknown>)
        .filter(
          ([key, value]) =>
            !/Id$/.test(key) && value !== null && !(Array.isArray(value) && value.length === 0),
        )
        .sort(([a], [b]) => order(a) - order(b));
  return (
    <article className="fm-entry-card" aria-labelledby="entry-title">
      <div className="entry-meta">
        <span className="kind">{kindOf(entry.eventType)}</span>
        <time dateTime={entry.occurredAt}>{day(entry.occurredAt)}</time>
        <ClassificationMark level={entry.classification} />
        {entry.revision > 1 && <span>Revision {entry.revision}</span>}
        {entry.retracted && <span className="fm-badge fm-badge-retracted">Retracted</span>}
      </div>
      <h1 id="entry-title" className="fm-entry-title">
        {entry.headline}
      </h1>
      <dl className="fm-facts">
        <div>
          <dt>Recorded</dt>
          <dd>
            {day(entry.recordedAt)} by {entry.recordedBy}
          </dd>
        </div>
        {entry.source && (
          <div>
            <dt>Source</dt>
            <dd>{entry.source}</dd>
          </div>
        )}
        {entry.confidence && (
          <div>
            <dt>Confidence</dt>
            <dd>{labelOf(entry.confidence)}</dd>
          </div>
        )}
        {entry.corrections.total > 0 && (
          <div>
            <dt>Corrections</dt>
            <dd>{entry.corrections.total}</dd>
          </div>
        )}
        <div>
          <dt>Version</dt>
          <dd data-testid="entry-version">{loaded.version ?? entry.streamVersion}</dd>
        </div>
      </dl>
      {tags.length > 0 && (
        <ul className="tags" aria-label="Participants, topics and vendors">
          {tags.map((tag) => (
            <li key={tag}>{tag}</li>
          ))}
        </ul>
      )}
      {details.length > 0 && (
        <section className="fm-subject" aria-labelledby="details-title">
          <h2 id="details-title">Details</h2>
          <dl className="fm-facts">
            {details.map(([key, value]) => (
              <div
                key={key}
                className={typeof value === 'string' && value.length > 80 ? 'fm-wide-fact' : undefined}
              >
                <dt>{labelFor(key)}</dt>
                <dd>{displayValue(value)}</dd>
              </div>
            ))}
          </dl>
        </section>
      )}
      {item && (
        <section className="fm-subject" aria-labelledby="subject-title">
          <h2 id="subject-title">
            Now <span className={`fm-badge fm-badge-${item.status}`}>{labelOf(item.status)}</span>
          </h2>
          <dl className="fm-facts">
            {Object.entries(item)
              .filter(([key]) => !ITEM_HIDDEN.has(key))
              .map(([key, value]) => (
                <div key={key}>
                  <dt>{words(key)}</dt>
                  <dd>{displayValue(value)}</dd>
                </div>
              ))}
          </dl>
        </section>
      )}
    </article>
  );
}

function Actions({
  entry,
  actions,
  mayChange,
}: {
  entry: EntryView;
  actions: EntryAction[];
  mayChange: boolean;
}) {
  const engagement = entry.eventType === 'EnvoyMeetingHeld' || entry.eventType === 'DialogueRoundConcluded';
  if (!mayChange) return null;
  return (
    <section className="fm-actions" aria-labelledby="actions-title">
      <h2 id="actions-title">What happened next</h2>
      <ul className="fm-action-list">
        {engagement && !entry.retracted && (
          <li>
            <Link
              className="fm-action-link"
              to={`/countries/${entry.country}/record/follow-up?source=${encodeURIComponent(entry.eventId)}`}
            >
              Assign a follow-up
            </Link>
          </li>
        )}
        {actions.map((action) => (
          <li key={action.slug}>
            <Link
              className={`fm-action-link${action.danger ? ' fm-danger' : ''}`}
              to={`/entries/${entry.eventId}/${action.slug}`}
              data-action={action.slug}
            >
              {action.title}
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function ActionForm({ loaded, action }: { loaded: Loaded; action: EntryAction }) {
  const { session } = useSession();
  const navigate = useNavigate();
  const { entry } = loaded;
  // The version changes are sent against, and what the entry looked like then (for a 412's differences).
  const version = useRef(loaded.version);
  const seen = useRef<Loaded>(loaded);
  const correcting = action.slug === 'correct';
  const [fields] = useState<FieldSpec[]>(() =>
    correcting ? correctionFields(entry.eventType) : [...action.fields],
  );
  const [initial] = useState<FormValues>(() =>
    defaultValues(fields, correcting ? correctionPrefill(fields, entry) : {}),
  );
  if (!session) return null;
  const subjectId = subjectOf(entry.streamId)?.id ?? '';

  return (
    <>
      <div className="page-title">
        <h1>{action.title}</h1>
      </div>
      <p className="lede">
        {kindOf(entry.eventType)}: <Link to={`/entries/${entry.eventId}`}>{entry.headline}</Link>{' '}
        <span className="muted">(version {loaded.version ?? entry.streamVersion})</span>
      </p>
      {correcting && (
        <p className="fm-notice">
          Change what was recorded wrong and say why. Only the fields you change are sent; the entry keeps its
          history, with this correction on its trail.
        </p>
      )}
      {action.slug === 'retract' && (
        <p className="fm-notice">
          Retract an entry that should never have been recorded. It leaves the timeline but stays in the
          history, with your reason.
        </p>
      )}
      <CommandForm
        fields={fields}
        defaultValues={initial}
        submitLabel={action.title}
        danger={action.danger}
        clearance={session.clearance}
        send={(values, idempotencyKey) =>
          sendCommand(
            action.path(subjectId, entry.eventId),
            correcting ? correctionBody(fields, initial, values) : toBody(fields, values),
            { token: session.token, idempotencyKey, ifMatch: version.current },
          )
        }
        awaitShown={(recorded) => awaitProjected(session.token, entry.eventId, recorded.streamVersion)}
        done={(recorded) => navigate(`/entries/${entry.eventId}`, { state: { recorded: recorded.eventId } })}
        stale={(problem, retry) => (
          <Stale
            problem={problem}
            seen={seen.current}
            retry={(fresh) => {
              seen.current = fresh;
              version.current = fresh.version;
              retry();
            }}
          />
        )}
      />
    </>
  );
}

const ENTRY_MOVING = ['corrections.nextCursor', 'parked', 'globalPosition'];

/** A 412: someone changed the entry since it was read. What changed, and a retry against the new version. */
function Stale(props: { problem: Problem; seen: Loaded; retry(fresh: Loaded): void }) {
  const { session } = useSession();
  const [fresh, setFresh] = useState<Loaded | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const { seen } = props;
  useEffect(() => {
    const controller = new AbortController();
    load(session?.token ?? '', seen.entry.eventId, controller.signal).then(setFresh, (error: unknown) => {
      if (!controller.signal.aborted) setFailed(error instanceof Error ? error.message : String(error));
    });
    return () => controller.abort();
  }, [session, seen]);

  const changed: Difference[] = fresh
    ? [
        ...differences(seen.item ?? {}, fresh.item ?? {}, ['version']),
        ...differences(seen.entry, fresh.entry, ENTRY_MOVING).map((d) => ({
          ...d,
          field: `entry ${d.field}`,
        })),
      ]
    : [];
  return (
    <>
      <h2>Someone changed this since you opened it</h2>
      <p>{props.problem.detail ?? props.problem.title} Nothing was recorded.</p>
      {failed && <p className="fm-field-error">{failed}</p>}
      {!fresh && !failed && <p role="status">Loading what changed…</p>}
      {fresh && (
        <>
          <p>
            Version {seen.version ?? '?'} →{' '}
            <strong data-testid="fresh-version">{fresh.version ?? '?'}</strong>
            {fresh.item && (
              <>
                {'; now '}
                <span className={`fm-badge fm-badge-${fresh.item.status}`}>{labelOf(fresh.item.status)}</span>
              </>
            )}
          </p>
          {changed.length > 0 ? (
            <div className="table-wrap">
              <table className="fm-changes">
                <caption className="visually-hidden">What changed</caption>
                <thead>
                  <tr>
                    <th scope="col">Field</th>
                    <th scope="col">You saw</th>
                    <th scope="col">Now</th>
                  </tr>
                </thead>
                <tbody>
                  {changed.map((d) => (
                    <tr key={d.field}>
                      <th scope="row">{d.field}</th>
                      <td>{d.before}</td>
                      <td>{d.after}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          ) : (
            <p>Its fields read the same; a later entry of the same record moved its version.</p>
          )}
          <div className="fm-form-actions">
            <button type="button" className="fm-primary" onClick={() => props.retry(fresh)}>
              Submit again against version {fresh.version}
            </button>
            <Link to={`/entries/${seen.entry.eventId}`}>Cancel</Link>
          </div>
        </>
      )}
    </>
  );
}
