// The shape of one upcaster, apart from the chain (upcasting.ts) that imports every stream's upcasters.

/** What an upcaster sees of the event besides its data: the envelope at the version being upcast from. */
export interface UpcastSubject {
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
}

/**
 * Brings one event type's data from `fromVersion` to `fromVersion + 1`: a pure function of the event. `data` is
 * typed by each upcaster as the shape it reads (hence `never` here: the chain hands it that version's data).
 */
export interface UpcasterRegistration {
  readonly type: string;
  readonly fromVersion: number;
  readonly upcast: (data: never, event: UpcastSubject) => unknown;
}
