import { getMetadataStorage } from 'class-validator';

type Storage = ReturnType<typeof getMetadataStorage>;
type Metadatas = ReturnType<Storage['getTargetValidationMetadatas']>;
type Grouped = ReturnType<Storage['groupByPropertyName']>;

const installed = new WeakSet<Storage>();

/**
 * Remembers what class-validator looks up about a class each time it validates an object of it. Its metadata
 * storage answers `getTargetValidationMetadatas` by filtering the class's rules and walking every registered class
 * for inheritance (an `instanceof` per class), then groups them by property — for every object validated,
 * nested ones included: under a bulk import that was a sixth of the API's CPU. The answer depends only on the
 * class, the schema and the validation options, and changes only when a rule is registered, so it is kept per
 * those arguments and forgotten whenever a rule is added. The arrays are shared, and class-validator only reads
 * them. Idempotent: installing twice wraps once.
 */
export function cacheValidationMetadata(storage: Storage = getMetadataStorage()): void {
  if (installed.has(storage)) return;
  installed.add(storage);
  let metadatas = new Map<unknown, Map<string, Metadatas>>();
  let grouped = new WeakMap<Metadatas, Grouped>();
  const forget = () => {
    metadatas = new Map();
    grouped = new WeakMap();
  };

  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    const key = `${schema}\u0000${always}\u0000${strictGroups}\u0000${groups === undefined ? '' : JSON.stringify(groups)}`;
    const forTarget = metadatas.get(target) ?? new Map<string, Metadatas>();
    metadatas.set(target, forTarget);
    const found = forTarget.get(key) ?? lookUp(target, schema, always, strictGroups, groups);
    forTarget.set(key, found);
    return found;
  };

  const group = storage.groupByPropertyName.bind(storage);
  storage.groupByPropertyName = (list) => {
    const found = grouped.get(list) ?? group(list);
    grouped.set(list, found);
    return found;
  };

  for (const name of ['addValidationMetadata', 'addConstraintMetadata', 'addValidationSchema'] as const) {
    const add = storage[name].bind(storage) as (arg: never) => void;
    (storage[name] as (arg: never) => void) = (arg) => {
      add(arg);
      forget();
    };
  }
}
