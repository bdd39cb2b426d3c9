import type { ReactNode } from 'react';
import { ApiError } from '../api/client';
import { useResource } from '../api/use-resource';
import { ClassificationMark } from '../components/ClassificationMark';
import { day } from '../format';
import type { CountryApi } from './api';
import {
  type ContractView,
  contractsAsOf,
  type FollowUpView,
  followUpsAsOf,
  formatMoney,
  type OfferView,
  offersAsOf,
  openFirst,
  type SupportView,
  supportAsOf,
} from './open-items';

const words = (value: string) => value.replace(/-/g, ' ');

function Register<T extends { id: string; open: boolean }>({
  id,
  title,
  items,
  render,
  empty,
  closedLabel,
}: {
  id: string;
  title: string;
  items: readonly T[];
  render: (item: T) => ReactNode;
  empty: string;
  closedLabel: string;
}) {
  const open = items.filter((item) => item.open);
  const closed = items.filter((item) => !item.open);
  return (
    <section className="register" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>
        {title} <span className="count">({open.length} open)</span>
      </h3>
      {open.length === 0 && <p className="muted small">{empty}</p>}
      {open.length > 0 && (
        <ul className="items">
          {open.map((item) => (
            <li key={item.id}>{render(item)}</li>
          ))}
        </ul>
      )}
      {closed.length > 0 && (
        <details className="closed-items">
          <summary>
            {closed.length} {closedLabel}
          </summary>
          <ul className="items">
            {closed.map((item) => (
              <li key={item.id}>{render(item)}</li>
            ))}
          </ul>
        </details>
      )}
    </section>
  );
}

function Offer({ item }: { item: OfferView }) {
  const amount = formatMoney(item.amount);
  return (
    <div className="item" data-register="offer">
      <p className="item-title">
        <span className="item-name">{item.description}</span>{' '}
        <ClassificationMark level={item.classification} />
      </p>
      <p className="item-meta">
        <span className={`state state-${item.status}`}>{item.status}</span> {item.agency},{' '}
        {words(item.instrument)}
        {amount ? `, ${amount}` : ''}
      </p>
      <p className="item-meta">
        {item.open
          ? item.expiresOn
            ? `Expires ${day(item.expiresOn)}`
            : 'No expiry'
          : item.closedAt
            ? `Closed ${day(item.closedAt)}`
            : item.expiresOn
              ? `Lapsed after ${day(item.expiresOn)}`
              : ''}
        {item.amendments > 0 ? ` · terms amended ${item.amendments}×` : ''}
      </p>
    </div>
  );
}

function FollowUp({ item }: { item: FollowUpView }) {
  return (
    <div
      className={`item${item.overdue ? ' item-overdue' : ''}`}
      data-register="follow-up"
      data-overdue={item.overdue}
    >
      <p className="item-title">
        <span className="item-name">{item.action}</span> <ClassificationMark level={item.classification} />
      </p>
      <p className="item-meta">
        {item.overdue && (
          <span className="badge badge-overdue">
            <span aria-hidden="true">⚠ </span>Overdue
          </span>
        )}{' '}
        {item.open ? 'Due' : 'Was due'} <time dateTime={item.dueDate}>{day(item.dueDate)}</time> ·{' '}
        {item.owner}
      </p>
      {!item.open && item.completedAt && (
        <p className="item-meta">
          Done {day(item.completedAt)}
          {item.note ? `: ${item.note}` : ''}
        </p>
      )}
    </div>
  );
}

function Support({ item }: { item: SupportView }) {
  const budget = formatMoney(item.budget);
  return (
    <div className="item" data-register="support">
      <p className="item-title">
        <span className="item-name">{item.description}</span>{' '}
        <ClassificationMark level={item.classification} />
      </p>
      <p className="item-meta">
        <span className={`state state-${item.status}`}>{item.outcome ?? item.status}</span>{' '}
        {words(item.supportType)} for {item.beneficiary}
        {budget ? `, ${budget}` : ''} · {day(item.period.start)}–
        {item.period.end ? day(item.period.end) : 'open'}
      </p>
      {item.milestones.length > 0 ? (
        <ul className="milestones" aria-label="Milestones delivered">
          {item.milestones.map((m) => (
            <li key={`${m.milestone}-${m.deliveredAt}`}>
              <span aria-hidden="true">✓ </span>
              {m.milestone} <span className="muted">({day(m.deliveredAt)})</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="item-meta muted">No milestone delivered yet.</p>
      )}
    </div>
  );
}

function Contract({ item, asOf }: { item: ContractView; asOf?: string }) {
  const value = formatMoney(item.value);
  return (
    <div className="item" data-register="contract">
      <p className="item-title">
        <span className="item-name">
          {item.operator}: {item.vendorName}, {item.domain} {item.generation}
        </span>{' '}
        <ClassificationMark level={item.classification} />
      </p>
      <p className="item-meta">
        <span className={`state state-${item.status}`}>{item.status}</span>{' '}
        {item.vendorHighRisk && <span className="badge badge-risk">High-risk vendor</span>}{' '}
        {asOf ? `${item.units} ${item.unitKind} on the latest terms` : `${item.units} ${item.unitKind}`}
        {item.replacedUnits > 0 && !asOf ? ` (${item.replacedUnits} replaced)` : ''}
        {value ? `, ${value}` : ''} · from {day(item.period.start)}
      </p>
    </div>
  );
}

/** Offers, follow-ups, technical support and contracts as of the page's date, as known at its known-at date. */
export function OpenItems({
  code,
  asOf,
  knownAt,
  api,
  onUnauthenticated,
}: {
  code: string;
  asOf?: string;
  knownAt?: string;
  api: CountryApi;
  onUnauthenticated: () => void;
}) {
  const registers = useResource(
    `registers:${code}:${knownAt ?? ''}`,
    (signal) =>
      Promise.all([
        api.offers(code, knownAt, signal),
        api.followUps(code, knownAt, signal),
        api.technicalSupport(code, knownAt, signal),
        api.contracts(code, knownAt, signal),
      ]),
    onUnauthenticated,
  );
  return (
    <section className="panel open-items" aria-labelledby="open-items-title">
      <h2 id="open-items-title">Open items</h2>
      {registers.state === 'loading' && <p aria-live="polite">Loading the registers…</p>}
      {registers.state === 'failed' && (
        <p role="alert" className="error">
          The registers could not be loaded:{' '}
          {registers.error instanceof ApiError ? registers.error.problem.title : registers.error.message}
        </p>
      )}
      {registers.state === 'ready' &&
        (() => {
          const [offers, followUps, support, contracts] = registers.value;
          const followUpViews = openFirst(followUpsAsOf(followUps.items, asOf), (f) => f.dueDate);
          const overdue = followUpViews.filter((f) => f.overdue).length;
          return (
            <>
              {overdue > 0 && (
                <p className="overdue-note" role="status">
                  <span aria-hidden="true">⚠ </span>
                  {overdue} {overdue === 1 ? 'follow-up is' : 'follow-ups are'} overdue.
                </p>
              )}
              <Register
                id="follow-ups"
                title="Follow-ups"
                items={followUpViews}
                render={(item) => <FollowUp item={item} />}
                empty="No open follow-up."
                closedLabel="done"
              />
              <Register
                id="offers"
                title="Incentive offers"
                items={openFirst(offersAsOf(offers.items, asOf), (o) => o.expiresOn)}
                render={(item) => <Offer item={item} />}
                empty="No open offer."
                closedLabel="closed (accepted, declined, withdrawn or expired)"
              />
              <Register
                id="support"
                title="Technical support"
                items={openFirst(supportAsOf(support.items, asOf), (s) => s.period.end)}
                render={(item) => <Support item={item} />}
                empty="No active technical support."
                closedLabel="closed"
              />
              <Register
                id="contracts"
                title="Contracts"
                items={openFirst(contractsAsOf(contracts.items, asOf))}
                render={(item) => <Contract item={item} asOf={asOf} />}
                empty="No active contract."
                closedLabel="terminated"
              />
            </>
          );
        })()}
    </section>
  );
}
