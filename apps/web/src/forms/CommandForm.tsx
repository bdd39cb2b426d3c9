import { type ReactNode, useEffect, useRef, useState } from 'react';
import {
  type Control,
  type FieldValues,
  type UseFormRegister,
  useFieldArray,
  useForm,
} from 'react-hook-form';
import { ApiError } from '../api/client';
import { CLASSIFICATION_ORDER, type Classification, type EntryRecorded, type Problem } from '../api/types';
import { useSession } from '../session/session-context';
import {
  controlId,
  type FieldSpec,
  type FormValues,
  type PlacedError,
  placeErrors,
  problemErrors,
} from './spec';
import './forms.css';

type Phase = 'editing' | 'submitting' | 'projecting' | 'done';

export interface CommandFormProps {
  readonly fields: readonly FieldSpec[];
  readonly defaultValues: FormValues;
  readonly submitLabel: string;
  readonly clearance: Classification;
  /** Sends the command with this submission's Idempotency-Key; throws ApiError for a refusal. */
  send(values: FormValues, idempotencyKey: string): Promise<EntryRecorded>;
  /** Waits until what was recorded is projected (true), or gives up (false). */
  awaitShown(recorded: EntryRecorded): Promise<boolean>;
  /** Where to go once it is shown. */
  done(recorded: EntryRecorded, shown: boolean): void;
  /** What a 412 shows, with a retry that resubmits the same values (as a new submission). */
  stale?(problem: Problem, retry: () => void): ReactNode;
  readonly danger?: boolean;
}

const key = () => crypto.randomUUID();

/**
 * A command's form, rendered from its field specs: the server is the authority on what is valid, so nothing is
 * refused in the browser; its field errors are shown next to the fields and summed up at the top. One
 * Idempotency-Key covers a submission and its retries (a double click, a retry after a network error), and a
 * new one is taken after a success or a change to the form.
 */
export function CommandForm(props: CommandFormProps) {
  const { signOut } = useSession();
  const { register, control, handleSubmit, watch } = useForm<FieldValues>({
    defaultValues: props.defaultValues,
  });
  const [phase, setPhase] = useState<Phase>('editing');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [networkError, setNetworkError] = useState(false);
  const submission = useRef<string | null>(null);
  const busy = useRef(false);
  const summary = useRef<HTMLDivElement>(null);

  // Changing the form makes it another request: its own key.
  useEffect(() => {
    const subscription = watch(() => {
      submission.current = null;
    });
    return () => subscription.unsubscribe();
  }, [watch]);

  useEffect(() => {
    if (problem || networkError) summary.current?.focus();
  }, [problem, networkError]);

  const submit = handleSubmit(async (values) => {
    if (busy.current) return;
    busy.current = true;
    submission.current ??= key();
    setPhase('submitting');
    setProblem(null);
    setNetworkError(false);
    let recorded: Awaited<ReturnType<typeof props.send>>;
    try {
      recorded = await props.send(values, submission.current);
    } catch (error) {
      setPhase('editing');
      busy.current = false;
      const status = error instanceof ApiError ? error.problem.status : 0;
      if (status === 401) {
        // The session has ended: to sign in again, and back to this page afterwards.
        signOut();
        return;
      }
      if (error instanceof ApiError && status < 500 && status !== 408 && status !== 429) {
        // Refused: nothing was written, and a corrected form is a new request anyway.
        submission.current = null;
        setProblem(error.problem);
      } else {
        // No answer, or a failure that may have come after the write: the retry keeps the key, so the entry is
        // recorded once whichever it was.
        setNetworkError(true);
      }
      return;
    }
    // Written: only now is the key spent. Waiting for the projection can fail without the entry being lost.
    submission.current = null;
    setPhase('projecting');
    const shown = await props.awaitShown(recorded).catch(() => false);
    setPhase('done');
    busy.current = false;
    props.done(recorded, shown);
  });

  const retry = () => {
    submission.current = null;
    setProblem(null);
    void submit();
  };

  const placed = placeErrors(props.fields, problemErrors(problem, props.fields));
  const stale = problem?.status === 412 && props.stale ? props.stale(problem, retry) : null;
  const submitting = phase === 'submitting' || phase === 'projecting' || phase === 'done';

  return (
    <form className="fm-command-form" noValidate onSubmit={submit}>
      {networkError && (
        <div className="fm-form-alert" role="alert" tabIndex={-1} ref={summary}>
          <h2>Not sent</h2>
          <p>
            The server did not confirm the submission (the connection failed, or it could not answer). Submit
            again: it will be recorded only once.
          </p>
        </div>
      )}
      {problem && !stale && (
        <div className="fm-form-alert" role="alert" tabIndex={-1} ref={summary} data-status={problem.status}>
          <h2>{placed.length > 0 ? 'Please check the form' : problem.title}</h2>
          <p>{problem.detail ?? problem.title}</p>
          {placed.length > 0 && (
            <ul className="fm-error-summary">
              {placed.map((error) => (
                <li key={`${error.path}:${error.message}`}>
                  <a
                    href={`#${controlId(error.path)}`}
                    onClick={(event) => {
                      // Focus the field without a hash navigation, which the router would take for a new page.
                      event.preventDefault();
                      document.getElementById(controlId(error.path))?.focus();
                    }}
                  >
                    {error.message}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {stale && (
        <div className="fm-form-alert fm-stale" role="alert" tabIndex={-1} ref={summary} data-status={412}>
          {stale}
        </div>
      )}
      <div className="fm-form-grid">
        {props.fields.map((field) => (
          <Field
            key={field.name}
            field={field}
            register={register}
            control={control}
            errors={placed}
            clearance={props.clearance}
          />
        ))}
      </div>
      <div className="fm-form-actions">
        <button
          type="submit"
          className={props.danger ? 'fm-primary fm-danger' : 'fm-primary'}
          disabled={submitting}
          aria-describedby={phase === 'editing' ? undefined : 'form-progress'}
        >
          {phase === 'submitting' ? 'Sending…' : props.submitLabel}
        </button>
        <p id="form-progress" className="fm-form-progress" role="status" aria-live="polite">
          {phase === 'submitting' && 'Sending…'}
          {phase === 'projecting' && 'Recorded. Waiting for it to appear…'}
          {phase === 'done' && 'Recorded.'}
        </p>
      </div>
    </form>
  );
}

interface FieldProps {
  readonly field: FieldSpec;
  readonly register: UseFormRegister<FieldValues>;
  readonly control: Control<FieldValues>;
  readonly errors: readonly PlacedError[];
  readonly clearance: Classification;
}

/** The error messages shown under a control, and the attributes that tie them to it. */
function errorProps(errors: readonly PlacedError[], path: string) {
  const mine = errors.filter((e) => e.path === path);
  const id = `${controlId(path)}-error`;
  return {
    mine,
    id,
    attributes:
      mine.length > 0
        ? { 'aria-invalid': true as const, 'aria-describedby': id }
        : { 'aria-invalid': false as const },
  };
}

function Messages({ errors, id }: { errors: readonly PlacedError[]; id: string }) {
  if (errors.length === 0) return null;
  return (
    <p className="fm-field-error" id={id}>
      {errors.map((e) => e.message).join('. ')}
    </p>
  );
}

function Hint({ field }: { field: FieldSpec }) {
  return field.hint ? (
    <span className="fm-hint" id={`${controlId(field.name)}-hint`}>
      {field.hint}
    </span>
  ) : null;
}

function Required({ field }: { field: FieldSpec }) {
  return field.required ? (
    <span className="fm-required" aria-hidden="true">
      {' '}
      *
    </span>
  ) : null;
}

/** Errors on a group (a list, an amount…) as a whole, or on a part of it that has no control of its own. */
function groupErrors(errors: readonly PlacedError[], field: FieldSpec, controls: ReadonlySet<string>) {
  return errors.filter((e) => e.field === field.name && !controls.has(e.path));
}

function Field({ field, register, control, errors, clearance }: FieldProps) {
  const id = controlId(field.name);
  const className = `fm-field${field.wide ? ' fm-wide' : ''}`;
  switch (field.kind) {
    case 'strings':
      return <TextList field={field} register={register} control={control} errors={errors} />;
    case 'people':
      return <PeopleList field={field} register={register} control={control} errors={errors} />;
    case 'person':
    case 'money':
    case 'period':
    case 'rival':
      return <Group field={field} register={register} errors={errors} />;
    case 'checkboxes': {
      const own = errors.filter((e) => e.field === field.name);
      return (
        <fieldset className={`${className} fm-wide fm-checks`} id={id} tabIndex={-1}>
          <legend>
            {field.label}
            <Required field={field} />
          </legend>
          <div className="fm-check-grid">
            {(field.options ?? []).map((option) => (
              <label key={option.value} className="fm-check">
                <input type="checkbox" value={option.value} {...register(field.name)} />
                {option.label}
              </label>
            ))}
          </div>
          <Messages errors={own} id={`${id}-error`} />
        </fieldset>
      );
    }
    case 'boolean': {
      const { mine, id: errorId, attributes } = errorProps(errors, field.name);
      return (
        <div className={className}>
          <label className="fm-check">
            <input type="checkbox" id={id} {...attributes} {...register(field.name)} />
            {field.label}
          </label>
          <Messages errors={mine} id={errorId} />
        </div>
      );
    }
    default: {
      const own = errors.filter((e) => e.field === field.name);
      const errorId = `${id}-error`;
      const describedBy =
        [own.length > 0 ? errorId : '', field.hint ? `${id}-hint` : ''].filter(Boolean).join(' ') ||
        undefined;
      const common = {
        id,
        'aria-invalid': own.length > 0,
        'aria-describedby': describedBy,
        'aria-required': field.required || undefined,
        ...register(field.name),
      };
      return (
        <div className={className}>
          <label htmlFor={id}>
            {field.label}
            <Required field={field} />
          </label>
          <Hint field={field} />
          {field.kind === 'textarea' ? (
            <textarea rows={field.wide ? 4 : 3} {...common} />
          ) : field.kind === 'select' || field.kind === 'classification' ? (
            <select {...common}>
              {field.kind === 'classification'
                ? [
                    ...(field.emptyLabel
                      ? [
                          <option key="" value="">
                            {field.emptyLabel}
                          </option>,
                        ]
                      : []),
                    ...CLASSIFICATION_ORDER.slice(0, CLASSIFICATION_ORDER.indexOf(clearance) + 1).map(
                      (level) => (
                        <option key={level} value={level}>
                          {level.charAt(0).toUpperCase() + level.slice(1)}
                        </option>
                      ),
                    ),
                  ]
                : [
                    <option key="" value="">
                      {field.required ? 'Choose…' : '—'}
                    </option>,
                    ...(field.options ?? []).map((option) => (
                      <option key={option.value} value={option.value}>
                        {option.label}
                      </option>
                    )),
                  ]}
            </select>
          ) : (
            <input
              type={
                field.kind === 'number'
                  ? 'number'
                  : field.kind === 'date'
                    ? 'date'
                    : field.kind === 'datetime'
                      ? 'datetime-local'
                      : 'text'
              }
              {...common}
            />
          )}
          <Messages errors={own} id={errorId} />
        </div>
      );
    }
  }
}

const PARTS: Record<string, readonly { key: string; label: string; type?: string }[]> = {
  person: [
    { key: 'name', label: 'Name' },
    { key: 'title', label: 'Title' },
    { key: 'organisation', label: 'Organisation' },
  ],
  money: [
    { key: 'amount', label: 'Figure (e.g. 2500000.00)', type: 'text' },
    { key: 'currency', label: 'Currency (e.g. USD)' },
  ],
  period: [
    { key: 'start', label: 'Start', type: 'date' },
    { key: 'end', label: 'End', type: 'date' },
  ],
  rival: [
    { key: 'kind', label: 'Kind' },
    { key: 'name', label: 'Name' },
  ],
};

function PartInput(props: {
  path: string;
  label: string;
  type?: string;
  register: UseFormRegister<FieldValues>;
  errors: readonly PlacedError[];
}) {
  const { mine, id: errorId, attributes } = errorProps(props.errors, props.path);
  const id = controlId(props.path);
  return (
    <div className="fm-part">
      <label htmlFor={id}>{props.label}</label>
      {props.path.endsWith('.kind') ? (
        <select id={id} {...attributes} {...props.register(props.path)}>
          <option value="">Choose…</option>
          <option value="state">State</option>
          <option value="vendor">Vendor</option>
        </select>
      ) : (
        <input id={id} type={props.type ?? 'text'} {...attributes} {...props.register(props.path)} />
      )}
      <Messages errors={mine} id={errorId} />
    </div>
  );
}

function Group({
  field,
  register,
  errors,
}: {
  field: FieldSpec;
  register: UseFormRegister<FieldValues>;
  errors: readonly PlacedError[];
}) {
  const parts = PARTS[field.kind] ?? [];
  const controls = new Set(parts.map((p) => `${field.name}.${p.key}`));
  const own = groupErrors(errors, field, controls);
  const id = controlId(field.name);
  return (
    <fieldset className={`fm-field fm-group${field.wide ? ' fm-wide' : ''}`} id={id} tabIndex={-1}>
      <legend>
        {field.label}
        <Required field={field} />
      </legend>
      <Hint field={field} />
      <div className={`fm-parts fm-parts-${parts.length}`}>
        {parts.map((part) => (
          <PartInput
            key={part.key}
            path={`${field.name}.${part.key}`}
            label={part.label}
            type={part.type}
            register={register}
            errors={errors}
          />
        ))}
      </div>
      <Messages errors={own} id={`${id}-error`} />
    </fieldset>
  );
}

function TextList({ field, register, control, errors }: Omit<FieldProps, 'clearance'>) {
  const { fields: rows, append, remove } = useFieldArray({ control, name: field.name });
  const item = field.itemLabel ?? 'Item';
  const controls = new Set(rows.map((_, i) => `${field.name}.${i}.value`));
  const own = groupErrors(errors, field, controls);
  const id = controlId(field.name);
  return (
    <fieldset className={`fm-field fm-list${field.wide ? ' fm-wide' : ''}`} id={id} tabIndex={-1}>
      <legend>
        {field.label}
        <Required field={field} />
      </legend>
      <Hint field={field} />
      <ol className="fm-rows">
        {rows.map((row, index) => {
          const path = `${field.name}.${index}.value`;
          const { mine, id: errorId, attributes } = errorProps(errors, path);
          return (
            <li key={row.id} className="fm-row">
              <label htmlFor={controlId(path)} className="visually-hidden">
                {`${item} ${index + 1}`}
              </label>
              <input id={controlId(path)} type="text" {...attributes} {...register(path)} />
              <button
                type="button"
                className="fm-remove"
                onClick={() => remove(index)}
                aria-label={`Remove ${item.toLowerCase()} ${index + 1}`}
              >
                Remove
              </button>
              <Messages errors={mine} id={errorId} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="fm-add" onClick={() => append({ value: '' })}>
        + Add {item.toLowerCase()}
      </button>
      <Messages errors={own} id={`${id}-error`} />
    </fieldset>
  );
}

function PeopleList({ field, register, control, errors }: Omit<FieldProps, 'clearance'>) {
  const { fields: rows, append, remove } = useFieldArray({ control, name: field.name });
  const item = field.itemLabel ?? 'Person';
  const parts = PARTS.person ?? [];
  const controls = new Set(rows.flatMap((_, i) => parts.map((p) => `${field.name}.${i}.${p.key}`)));
  const own = groupErrors(errors, field, controls);
  const id = controlId(field.name);
  return (
    <fieldset className={`fm-field fm-list fm-people${field.wide ? ' fm-wide' : ''}`} id={id} tabIndex={-1}>
      <legend>
        {field.label}
        <Required field={field} />
      </legend>
      <ol className="fm-rows">
        {rows.map((row, index) => (
          <li key={row.id} className="fm-row fm-person-row">
            <span className="fm-row-label">{`${item} ${index + 1}`}</span>
            <div className="fm-parts fm-parts-3">
              {parts.map((part) => (
                <PartInput
                  key={part.key}
                  path={`${field.name}.${index}.${part.key}`}
                  label={part.label}
                  register={register}
                  errors={errors}
                />
              ))}
            </div>
            <button
              type="button"
              className="fm-remove"
              onClick={() => remove(index)}
              aria-label={`Remove ${item.toLowerCase()} ${index + 1}`}
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <button
        type="button"
        className="fm-add"
        onClick={() => append({ name: '', title: '', organisation: '' })}
      >
        + Add {item.toLowerCase()}
      </button>
      <Messages errors={own} id={`${id}-error`} />
    </fieldset>
  );
}
