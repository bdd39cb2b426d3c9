import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  ConflictException,
  Controller,
  Get,
  Logger,
  NotFoundException,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RolesAccess } from '../auth/access.js';
import { ImportLineDispatcher } from '../http/import-dispatcher.js';
import { AnswersWith } from '../http/openapi/read-models.js';
import { RequestValidationException } from '../http/validation.js';
import type { ImportCommandName } from './import-commands.js';
import type { KeyPolicy } from './import-lines.js';
import { csvLines, ndjsonLines, runImport } from './import-run.js';
import { type ImportReport, ImportStore } from './import-store.js';
import { FindImportRequestDto, StartImportRequestDto } from './imports.request.dto.js';

export const IMPORT_PATH = '/v1/imports';
/** Lines recorded at once: enough that their appends share the event store's statements (write-combining). */
const IMPORT_CONCURRENCY = 256;

/**
 * Bulk import: a file of records (NDJSON, a command a line; or CSV, one command a file) streamed in, each line
 * taken through its command route's own steps in-process as the caller (ImportLineDispatcher), so it is
 * validated, authorised, decided and recorded exactly as if it had been posted alone; refused lines are reported
 * with their line number, field and message while the good ones are kept.
 */
@RolesAccess('desk_officer', 'admin')
@Controller('v1/imports')
export class ImportsHttpController {
  private readonly log = new Logger('Imports');

  constructor(
    private readonly dispatcher: ImportLineDispatcher,
    private readonly store: ImportStore,
  ) {}

  @Post()
  @AnswersWith('ImportReport')
  async start(
    @Query() query: StartImportRequestDto,
    @Req() request: FastifyRequest,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<ImportReport> {
    const principal = request.principal;
    if (!principal) throw new Error('an import needs an authenticated request');
    const csv = String(request.headers['content-type']).toLowerCase().startsWith('text/csv');
    if (csv && !query.command)
      throw new RequestValidationException([
        { field: 'command', message: 'a CSV file holds one command: name it (?command=award-contract)' },
      ]);
    const id = query.runId ?? randomUUID();
    const policy: KeyPolicy = {
      fileKey: query.key,
      ...(query.keyColumn ? { keyField: query.keyColumn } : {}),
    };
    const started = await this.store.start({
      id,
      fileKey: query.key,
      recordedBy: principal.subject,
      format: csv ? 'csv' : 'ndjson',
      command: csv ? (query.command ?? null) : null,
    });
    if (!started) throw new ConflictException(`An import ${id} exists already: send a new runId.`);
    const send = this.dispatcher.sender(principal, id);
    let failure: string | null = null;
    // The file is taken in whole first, onto disk (never into memory), so the upload is not held to the pace of
    // recording: a large file outlasts the request timeout, which covers receiving the request. While its lines
    // are recorded the connection is quiet, so the idle-socket backstop is lifted for this request.
    const spool = await mkdtemp(join(tmpdir(), 'demarche-import-'));
    try {
      const file = join(spool, 'body');
      await pipeline(request.body as Readable, createWriteStream(file));
      const socket = request.raw.socket as { setTimeout?: (ms: number) => void } | undefined;
      // (An in-process request, as the tests make, has no real socket.)
      if (typeof socket?.setTimeout === 'function') socket.setTimeout(0);
      const body = createReadStream(file);
      const lines = csv
        ? csvLines(body, query.command as ImportCommandName, policy)
        : ndjsonLines(body, policy);
      await runImport(id, lines, send, this.store, IMPORT_CONCURRENCY);
    } catch (error) {
      failure = (error as Error).message;
      this.log.warn({ msg: 'import stopped', importId: id, error: failure });
    } finally {
      await rm(spool, { recursive: true, force: true });
    }
    await this.store.finish(id, failure);
    const report = (await this.store.report(id, null)) as ImportReport;
    void reply.status(failure === null ? 201 : 500).header('location', `${IMPORT_PATH}/${id}`);
    return report;
  }

  /** The latest run of a file (by its key) of the caller: progress while it runs, the report once done. */
  @Get()
  @AnswersWith('ImportReport')
  async latest(@Query() query: FindImportRequestDto, @Req() request: FastifyRequest): Promise<ImportReport> {
    const subject = request.principal?.subject ?? '';
    const found = await this.store.latest(query.key, subject);
    if (!found) throw new NotFoundException(`You have run no import of ${query.key}.`);
    return found;
  }

  /** A run: its counts (current while it runs) and the errors of the lines it refused. Admins see every run. */
  @Get(':id')
  @AnswersWith('ImportReport')
  async report(
    @Param('id', new ParseUUIDPipe()) id: string,
    @Req() request: FastifyRequest,
  ): Promise<ImportReport> {
    const principal = request.principal;
    const found = await this.store.report(
      id,
      principal?.role === 'admin' ? null : (principal?.subject ?? ''),
    );
    if (!found) throw new NotFoundException(`No import ${id} of yours.`);
    return found;
  }
}
