/** The repository's migrations/ folder (SQL files). */
export declare const MIGRATIONS_DIR: string;

/** Applies every pending migration in migrations/ to the database at `databaseUrl` (node-pg-migrate). */
export declare function migrate(databaseUrl: string, log?: (message: string) => void): Promise<void>;
