import { Link, useLocation, useNavigate, useParams, useSearchParams } from 'react-router';
import type { Role } from '../api/types';
import { useResource } from '../api/use-resource';
import { countryName, day } from '../format';
import { useSession } from '../session/session-context';
import { awaitProjected, engagements, sendCommand } from './api';
import { CommandForm } from './CommandForm';
import { type Audience, RECORD_FORMS, type RecordForm, recordForm } from './catalogue';
import { defaultValues, type FieldSpec, textOf, toBody } from './spec';
import './forms.css';

/** Who may use a form: desk officers record entries in their countries; admins keep the vendor registry. */
function mayUse(form: RecordForm, role: Role, countries: readonly string[] | null, country: string): boolean {
  const audience: Audience = form.audience;
  if (audience === 'admin') return role === 'admin';
  return role === 'desk_officer' && (countries === null || countries.includes(country));
}

/** `/countries/:country/record`: what can be recorded; `/countries/:country/record/:form`: that form. */
export function RecordPage() {
  const params = useParams();
  const country = (params.country ?? '').toUpperCase();
  const { session } = useSession();
  if (!session) return null;
  const usable = RECORD_FORMS.filter((form) => mayUse(form, session.role, session.countries, country));
  const form = recordForm(params.form);

  return (
    <main id="main" className="page fm-record-page">
      <nav className="breadcrumb" aria-label="Breadcrumb">
        <Link to={`/countries/${country}`}>{countryName(country)}</Link>
        {form && (
          <>
            {' / '}
            <Link to={`/countries/${country}/record`}>Record</Link>
          </>
        )}
      </nav>
      {!form ? (
        <Chooser country={country} forms={usable} unknown={params.form !== undefined} />
      ) : usable.includes(form) ? (
        <FormPage key={form.slug} country={country} form={form} />
      ) : (
        <>
          <h1>{form.title}</h1>
          <p className="fm-notice">
            {form.audience === 'admin'
              ? 'Only administrators keep the vendor registry.'
              : `Only desk officers for ${countryName(country)} record its entries.`}
          </p>
        </>
      )}
    </main>
  );
}

function Chooser(props: { country: string; forms: readonly RecordForm[]; unknown: boolean }) {
  const done = (useLocation().state as { title?: string } | null)?.title;
  const entries = props.forms.filter((f) => f.audience === 'desk_officer');
  const vendors = props.forms.filter((f) => f.audience === 'admin');
  return (
    <>
      <div className="page-title">
        <h1>Record for {countryName(props.country)}</h1>
      </div>
      {props.unknown && <p className="fm-notice">There is no such form; choose one of these.</p>}
      {done && (
        <p className="fm-notice fm-success" role="status">
          Recorded: {done.toLowerCase()}.
        </p>
      )}
      {props.forms.length === 0 && (
        <p className="fm-notice">
          Entries are recorded by the desk officers for {countryName(props.country)}; you can read them on its
          timeline.
        </p>
      )}
      {entries.length > 0 && <FormCards country={props.country} forms={entries} heading="New entry" />}
      {vendors.length > 0 && <FormCards country={props.country} forms={vendors} heading="Vendor registry" />}
    </>
  );
}

function FormCards(props: { country: string; forms: readonly RecordForm[]; heading: string }) {
  return (
    <section aria-labelledby={`cards-${props.heading}`} className="fm-cards-section">
      <h2 id={`cards-${props.heading}`}>{props.heading}</h2>
      <ul className="fm-form-cards">
        {props.forms.map((form) => (
          <li key={form.slug}>
            <Link
              className="fm-form-card"
              to={`/countries/${props.country}/record/${form.slug}`}
              data-form={form.slug}
            >
              <span className="fm-form-card-title">{form.title}</span>
              <span className="fm-form-card-blurb">{form.blurb}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

function FormPage({ country, form }: { country: string; form: RecordForm }) {
  const { session, signOut } = useSession();
  const navigate = useNavigate();
  const [search] = useSearchParams();
  const token = session?.token ?? '';
  const needsSources = form.slug === 'follow-up';
  const sources = useResource(
    needsSources ? `sources:${country}` : 'none',
    (signal) => (needsSources ? engagements(token, country, signal) : Promise.resolve(null)),
    signOut,
  );
  if (!session) return null;
  if (needsSources && sources.state !== 'ready') {
    return (
      <p role="status">{sources.state === 'failed' ? sources.error.message : 'Loading the engagements…'}</p>
    );
  }
  const items = sources.state === 'ready' && sources.value ? sources.value.entries : [];
  const fields: FieldSpec[] = form.fields.map((field) =>
    field.name === 'sourceEventId'
      ? {
          ...field,
          options: items.map((entry) => ({
            value: entry.eventId,
            label: `${day(entry.occurredAt)} — ${entry.headline}`,
          })),
        }
      : field,
  );
  const source = search.get('source');
  const prefill = source && items.some((e) => e.eventId === source) ? { sourceEventId: source } : {};

  return (
    <>
      <div className="page-title">
        <h1>{form.title}</h1>
      </div>
      <p className="lede">{form.blurb}</p>
      {needsSources && items.length === 0 && (
        <p className="fm-notice">Record a meeting or dialogue round first: a follow-up comes out of one.</p>
      )}
      <CommandForm
        fields={fields}
        defaultValues={defaultValues(fields, prefill)}
        submitLabel={form.submitLabel ?? `Record ${form.title.toLowerCase()}`}
        clearance={session.clearance}
        send={(values, idempotencyKey) =>
          sendCommand(form.path(country, textOf(values, form.pathField ?? '')), toBody(fields, values), {
            token: session.token,
            idempotencyKey,
          })
        }
        awaitShown={(recorded) =>
          form.onTimeline ? awaitProjected(session.token, recorded.eventId) : Promise.resolve(true)
        }
        done={(recorded, shown) =>
          navigate(form.onTimeline ? `/countries/${country}` : `/countries/${country}/record`, {
            state: { recorded: recorded.eventId, shown, title: form.title },
          })
        }
      />
    </>
  );
}
