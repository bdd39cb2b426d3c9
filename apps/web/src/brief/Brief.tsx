import { type FormEvent, useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import type {
  ContractItem,
  DependencyHistory,
  DependencyReport,
  FollowUpItem,
  IncentiveOfferItem,
  TechnicalSupportItem,
  TimelineEntry,
} from '../api/types';
import { useResource } from '../api/use-resource';
import { ClassificationMark } from '../components/ClassificationMark';
import { markersFromEntries } from '../country/chart-model';
import { DependencyChart } from '../country/DependencyChart';
import { contractsAsOf, followUpsAsOf, offersAsOf, supportAsOf } from '../country/open-items';
import { countryName, day, kindOf } from '../format';
import { useSession } from '../session/session-context';
import { briefApi } from './api';
import { briefDates, dependencyDiff, figureName, highestClassification, signed } from './brief-model';
import './brief.css';

interface BriefData {
  readonly now: DependencyReport;
  readonly then: DependencyReport;
  readonly history: DependencyHistory;
  readonly recent: readonly TimelineEntry[];
  readonly changed: readonly TimelineEntry[];
  readonly offers: readonly IncentiveOfferItem[];
  readonly followUps: readonly FollowUpItem[];
  readonly support: readonly TechnicalSupportItem[];
  readonly contracts: readonly ContractItem[];
  /** Some list had more than the brief reads: the marking is then the reader's clearance (fails closed). */
  readonly truncated: boolean;
}

const whole = new Intl.NumberFormat('en', { maximumFractionDigits: 0 });
const oneDecimal = new Intl.NumberFormat('en', { maximumFractionDigits: 1 });
const percent = (value: number) => `${oneDecimal.format(value)}%`;

function amount(value: unknown): string {
  if (typeof value === 'number') return whole.format(value);
  if (value && typeof value === 'object' && 'currency' in value) {
    const money = value as { amount?: string; minor?: string; currency: string };
    if (money.amount !== undefined) {
      try {
        return new Intl.NumberFormat('en', {
          style: 'currency',
          currency: money.currency,
          notation: 'compact',
          maximumFractionDigits: 1,
        }).format(Number(money.amount));
      } catch {
        return `${money.amount} ${money.currency}`;
      }
    }
    return `${money.minor ?? '?'} (minor units) ${money.currency}`;
  }
  return '—';
}

function ContractLine({ contract: c }: { contract: ContractItem }) {
  return (
    <li>
      <ClassificationMark level={c.classification} /> <strong>{c.operator}</strong> — {c.vendorName}
      {c.vendorHighRisk ? ' (high-risk)' : ''}, {figureName({ ...c, currency: null })}:{' '}
      {whole.format(c.units)} {c.unitKind}
      {c.replacedUnits > 0 ? `, ${whole.format(c.replacedUnits)} replaced` : ''}; {c.description}
      {c.terminatedAt ? <span className="muted"> Terminated {day(c.terminatedAt)}.</span> : null}
    </li>
  );
}

function EntryList({ entries, empty }: { entries: readonly TimelineEntry[]; empty: string }) {
  if (entries.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ol className="brief-entries">
      {entries.map((entry) => (
        <li key={entry.eventId} data-event-id={entry.eventId}>
          <time dateTime={entry.occurredAt}>{day(entry.occurredAt)}</time>
          <span className="brief-entry-kind">{kindOf(entry.eventType)}</span>
          <span className="brief-entry-headline">
            <Link to={`/entries/${entry.eventId}`}>{entry.headline}</Link>
          </span>
          <ClassificationMark level={entry.classification} />
        </li>
      ))}
    </ol>
  );
}

/**
 * A printable brief on one country as of a date: headline figures, the dependency charts, the last 90 days of
 * engagements, the open items and what changed since a date the reader picks, marked at the highest
 * classification of everything it shows, at the top and bottom of every printed page.
 */
export function Brief() {
  const code = (useParams().country ?? '').toUpperCase();
  const [params, setParams] = useSearchParams();
  const { session, signOut } = useSession();
  const token = session?.token ?? '';
  const dates = briefDates(params.get('asOf'), params.get('since'), new Date());
  const name = countryName(code);

  const data = useResource<BriefData>(
    `brief:${code}:${dates.asOf}:${dates.since}`,
    async (signal) => {
      const api = briefApi(token);
      const [now, then, history, recent, changed, offers, followUps, support, contracts] = await Promise.all([
        api.dependency(code, dates.asOf, undefined, signal),
        api.dependency(code, dates.since, undefined, signal),
        api.history(code, { to: dates.asOf }, signal),
        api.timeline(code, { from: dates.recentFrom, asOf: dates.asOf }, signal),
        api.timeline(code, { from: dates.since, asOf: dates.asOf }, signal),
        api.offers(code, undefined, signal),
        api.followUps(code, undefined, signal),
        api.technicalSupport(code, undefined, signal),
        api.contracts(code, undefined, signal),
      ]);
      return {
        now,
        then,
        history,
        recent: recent.entries,
        changed: changed.entries,
        // Everything as we know it now, as of the brief's date: the registers answer for now, so each item is
        // taken back to how it stood that day from its own dates (as the country page does).
        offers: offersAsOf(offers.items, dates.asOf).filter((o) => o.open),
        followUps: followUpsAsOf(followUps.items, dates.asOf).filter((f) => f.open),
        support: supportAsOf(support.items, dates.asOf).filter((s) => s.open),
        // Every contract by then: the dependency figures are computed from them, so the brief shows what they say.
        contracts: contractsAsOf(contracts.items, dates.asOf),
        // More than one page of anything: what the brief leaves out may be classified higher than what it shows.
        truncated: [recent, changed, offers, followUps, support, contracts].some(
          (page) => page.nextCursor !== null,
        ),
      };
    },
    signOut,
  );

  const marking = useMemo(() => {
    if (data.state !== 'ready') return null;
    const v = data.value;
    if (v.truncated && session) return session.clearance;
    return highestClassification([
      ...v.recent,
      ...v.changed,
      ...v.offers,
      ...v.followUps,
      ...v.support,
      ...v.contracts,
    ]);
  }, [data, session]);

  function update(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    const asOf = String(form.get('asOf') ?? '');
    const since = String(form.get('since') ?? '');
    if (asOf) next.set('asOf', asOf);
    if (since) next.set('since', since);
    setParams(next);
  }

  const markingText = marking ? marking.toUpperCase() : '';
  return (
    <main
      id="main"
      className={`page brief${marking ? ` page-${marking}` : ''}`}
      data-marking={marking ?? undefined}
    >
      {marking && (
        <div className={`brief-marking brief-marking-top marking-${marking}`} data-testid="brief-marking">
          {markingText}
        </div>
      )}
      <nav aria-label="Breadcrumb" className="breadcrumb brief-controls">
        <Link to="/">Countries</Link> <span aria-hidden="true">›</span>{' '}
        <Link to={`/countries/${code}`}>{name}</Link> <span aria-hidden="true">›</span>{' '}
        <span aria-current="page">Brief</span>
      </nav>
      <form
        className="brief-controls brief-dates"
        onSubmit={update}
        aria-label="Brief dates"
        key={`${dates.asOf}:${dates.since}`}
      >
        <div>
          <label htmlFor="brief-as-of">As of</label>
          <input id="brief-as-of" name="asOf" type="date" defaultValue={dates.asOf} required />
        </div>
        <div>
          <label htmlFor="brief-since">Changes since</label>
          <input id="brief-since" name="since" type="date" defaultValue={dates.since} max={dates.asOf} />
        </div>
        <button type="submit" className="brief-button">
          Update brief
        </button>
        <button type="button" className="brief-button brief-print" onClick={() => window.print()}>
          Print or save as PDF
        </button>
      </form>

      <header className="brief-title">
        <p className="brief-kicker">Country brief</p>
        <h1>
          {name} <span className="code">{code}</span>
        </h1>
        <p className="muted">
          As of <strong>{day(dates.asOf)}</strong> · changes since <strong>{day(dates.since)}</strong> ·
          engagements from {day(dates.recentFrom)}
          {session ? ` · prepared for ${session.subject}` : ''}
        </p>
      </header>

      {data.state === 'loading' && <p aria-live="polite">Preparing the brief…</p>}
      {data.state === 'failed' && (
        <p role="alert" className="error">
          The brief could not be prepared: {data.error.message}
        </p>
      )}
      {data.state === 'ready' && <BriefBody data={data.value} dates={dates} name={name} />}

      {marking && (
        <div
          className={`brief-marking brief-marking-bottom marking-${marking}`}
          data-testid="brief-marking-bottom"
        >
          {markingText}
        </div>
      )}
    </main>
  );
}

function BriefBody({
  data,
  dates,
  name,
}: {
  data: BriefData;
  dates: ReturnType<typeof briefDates>;
  name: string;
}) {
  const changes = dependencyDiff(data.then.domains, data.now.domains);
  const markers = useMemo(() => markersFromEntries(data.recent), [data.recent]);
  const series = data.history.series.filter((s) => s.points.some((p) => p.vendorCount > 0));
  const activeContracts = data.contracts.filter((c) => c.status === 'active');
  const endedContracts = data.contracts.filter((c) => c.status !== 'active');
  return (
    <>
      <section className="brief-panel" aria-labelledby="brief-figures">
        <h2 id="brief-figures">Headline figures</h2>
        {data.now.domains.length === 0 ? (
          <p className="muted">No equipment in service that you may read of.</p>
        ) : (
          <div className="brief-cards">
            {data.now.domains.map((figure) => (
              <div className="brief-card" key={`${figure.domain}:${figure.unitKind ?? figure.currency}`}>
                <h3>{figureName(figure)}</h3>
                <p className="brief-card-figure">
                  <span className="brief-number">{percent(figure.highRiskSharePercent)}</span> high-risk share
                </p>
                <p className="brief-card-figure">
                  <span className="brief-number">{whole.format(figure.hhi)}</span> HHI
                  {figure.band && <span className={`band band-${figure.band}`}>{figure.band}</span>}
                </p>
                <p className="muted brief-card-note">
                  {amount(figure.total)} {figure.unitKind ?? ''} · {figure.vendorCount}{' '}
                  {figure.vendorCount === 1 ? 'vendor' : 'vendors'}
                </p>
              </div>
            ))}
          </div>
        )}
      </section>

      <section className="brief-panel brief-charts" aria-labelledby="brief-dependency">
        <h2 id="brief-dependency">Vendor dependency over time</h2>
        {series.length === 0 ? (
          <p className="muted">No dependency history for {name}.</p>
        ) : (
          <div className="brief-chart-grid">
            {series.map((s) => (
              <figure className="brief-chart" key={`${s.domain}:${s.unitKind ?? s.currency}`}>
                <figcaption>{figureName(s)}</figcaption>
                <DependencyChart series={s} markers={markers} height={300} animation={false} />
              </figure>
            ))}
          </div>
        )}
      </section>

      <section className="brief-panel" aria-labelledby="brief-changed">
        <h2 id="brief-changed">What changed since {day(dates.since)}</h2>
        {changes.length > 0 && (
          <table className="brief-table" data-testid="figure-changes">
            <caption className="visually-hidden">Dependency figures on both dates</caption>
            <thead>
              <tr>
                <th scope="col">Figure</th>
                <th scope="col" className="numeric">
                  HHI {day(dates.since)}
                </th>
                <th scope="col" className="numeric">
                  HHI {day(dates.asOf)}
                </th>
                <th scope="col" className="numeric">
                  High-risk {day(dates.since)}
                </th>
                <th scope="col" className="numeric">
                  High-risk {day(dates.asOf)}
                </th>
              </tr>
            </thead>
            <tbody>
              {changes.map((c) => (
                <tr key={c.key}>
                  <th scope="row">{figureName(c)}</th>
                  <td className="numeric">{c.before ? whole.format(c.before.hhi) : '—'}</td>
                  <td className="numeric">
                    {c.after ? whole.format(c.after.hhi) : '—'}
                    {c.hhiChange !== null && <span className="change">{signed(c.hhiChange)}</span>}
                  </td>
                  <td className="numeric">{c.before ? percent(c.before.highRiskSharePercent) : '—'}</td>
                  <td className="numeric">
                    {c.after ? percent(c.after.highRiskSharePercent) : '—'}
                    {c.highRiskChange !== null && (
                      <span className="change">{signed(c.highRiskChange, ' pts')}</span>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        <h3>Entries since {day(dates.since)}</h3>
        <EntryList entries={data.changed} empty="Nothing recorded in this period." />
      </section>

      <section className="brief-panel" aria-labelledby="brief-recent">
        <h2 id="brief-recent">Engagements, last 90 days</h2>
        <EntryList entries={data.recent} empty={`Nothing recorded from ${day(dates.recentFrom)}.`} />
      </section>

      <section className="brief-panel" aria-labelledby="brief-open">
        <h2 id="brief-open">Open items</h2>
        <h3>Incentive offers</h3>
        {data.offers.length === 0 ? (
          <p className="muted">No open offer.</p>
        ) : (
          <ul className="brief-items">
            {data.offers.map((o) => (
              <li key={o.id}>
                <ClassificationMark level={o.classification} /> <strong>{o.description}</strong> — {o.agency},{' '}
                {o.amount ? amount(o.amount) : 'no amount'};{' '}
                {o.expiresOn ? `expires ${day(o.expiresOn)}` : 'open-ended'}
                {o.conditions.length > 0 && (
                  <span className="muted"> · conditions: {o.conditions.join('; ')}</span>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>Follow-ups</h3>
        {data.followUps.length === 0 ? (
          <p className="muted">No open follow-up.</p>
        ) : (
          <ul className="brief-items">
            {data.followUps.map((f) => (
              <li key={f.id} className={f.overdue ? 'overdue-item' : undefined}>
                <ClassificationMark level={f.classification} /> <strong>{f.action}</strong> — {f.owner}, due{' '}
                {day(f.dueDate)}
                {f.overdue && <span className="overdue"> (overdue)</span>}
              </li>
            ))}
          </ul>
        )}
        <h3>Technical support</h3>
        {data.support.length === 0 ? (
          <p className="muted">No active technical support.</p>
        ) : (
          <ul className="brief-items">
            {data.support.map((s) => (
              <li key={s.id}>
                <ClassificationMark level={s.classification} /> <strong>{s.description}</strong> —{' '}
                {s.provider} for {s.beneficiary}; {s.milestones.length}{' '}
                {s.milestones.length === 1 ? 'milestone' : 'milestones'} delivered
                {s.milestones.at(-1) && (
                  <span className="muted">
                    {' '}
                    (latest: {s.milestones.at(-1)?.milestone}, {day(s.milestones.at(-1)?.deliveredAt ?? '')})
                  </span>
                )}
              </li>
            ))}
          </ul>
        )}
        <h3>Contracts in force</h3>
        {activeContracts.length === 0 ? (
          <p className="muted">No contract in force.</p>
        ) : (
          <ul className="brief-items">
            {activeContracts.map((c) => (
              <ContractLine key={c.id} contract={c} />
            ))}
          </ul>
        )}
        {endedContracts.length > 0 && (
          <>
            <h3>Contracts ended (in the charts before they ended)</h3>
            <ul className="brief-items">
              {endedContracts.map((c) => (
                <ContractLine key={c.id} contract={c} />
              ))}
            </ul>
          </>
        )}
      </section>
    </>
  );
}
