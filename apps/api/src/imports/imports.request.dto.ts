import { IsIn, IsOptional, IsString, IsUUID, Matches } from 'class-validator';
import { IMPORT_COMMAND_NAMES } from './import-commands.js';

/** Query of POST /v1/imports. */
export class StartImportRequestDto {
  /**
   * The file's key: its lines' idempotency keys derive from it and their line numbers, so running the file again
   * (after fixing the lines it refused) records nothing twice. The command-line tool sends the file's name.
   */
  @IsString()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'key must be 1–200 visible ASCII characters' })
  key!: string;

  /** CSV only (one command a file): the command every row is. */
  @IsOptional()
  @IsIn(IMPORT_COMMAND_NAMES, { message: `command must be one of ${IMPORT_COMMAND_NAMES.join(', ')}` })
  command?: string;

  /** The run's id, chosen by the client (a new UUID) so it can follow the run's progress while it sends the file. */
  @IsOptional()
  @IsUUID('all', { message: 'runId must be a new UUID' })
  runId?: string;

  /** A column (or NDJSON field) whose value keys each record instead of its line. */
  @IsOptional()
  @Matches(/^[A-Za-z_][\w.-]{0,63}$/, { message: 'keyColumn must name a column' })
  keyColumn?: string;
}

/** Query of GET /v1/imports: the latest run of a file. */
export class FindImportRequestDto {
  @IsString()
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'key must be 1–200 visible ASCII characters' })
  key!: string;
}
