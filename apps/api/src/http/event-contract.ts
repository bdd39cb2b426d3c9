import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AppConfig } from '#config';
import { asyncApiDocument, schemaFiles } from '#contracts';
import { CLASSIFICATIONS } from '#domain';
import { PROBLEM_CONTENT_TYPE, problemType } from './problem.js';

const SCHEMA_CONTENT_TYPE = 'application/schema+json';
const APP_VERSION = '0.1.0';

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}

/** Markdown-lite for the document's descriptions: paragraphs and `code`, everything else as text. */
function prose(text: string): string {
  return text
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/`([^`]+)`/g, '<code>$1</code>')}</p>`)
    .join('\n');
}

interface SchemaLike {
  readonly type?: string | string[];
  readonly enum?: unknown[];
  readonly const?: unknown;
  readonly pattern?: string;
  readonly format?: string;
  readonly description?: string;
  readonly required?: string[];
  readonly properties?: Record<string, SchemaLike>;
}

function typeOf(schema: SchemaLike): string {
  if (schema.const !== undefined) return `= ${JSON.stringify(schema.const)}`;
  if (schema.enum) return schema.enum.map((v) => JSON.stringify(v)).join(' | ');
  const base = Array.isArray(schema.type) ? schema.type.join(' | ') : (schema.type ?? 'any');
  const detail = schema.format ?? (schema.pattern ? `/${schema.pattern}/` : undefined);
  return detail ? `${base} (${detail})` : base;
}

/** The AsyncAPI document as a page a person reads: channels, then each message with its headers and payload. */
export function renderAsyncApiPage(document: Record<string, unknown>): string {
  const info = document.info as { title: string; version: string; description: string };
  const channels = document.channels as Record<
    string,
    { address: string; title: string; description: string }
  >;
  const components = document.components as {
    messages: Record<
      string,
      { title: string; summary: string; description: string; headers: SchemaLike; payload: { $ref?: string } }
    >;
    schemas: Record<string, unknown>;
  };
  const channelRows = Object.values(channels)
    .map(
      (c) =>
        `<tr><td><code>${escapeHtml(c.address)}</code></td><td>${escapeHtml(c.title)}</td><td>${escapeHtml(c.description)}</td></tr>`,
    )
    .join('\n');
  const messages = Object.entries(components.messages)
    .map(([name, m]) => {
      const required = new Set(m.headers.required ?? []);
      const headers = Object.entries(m.headers.properties ?? {})
        .map(
          ([header, schema]) =>
            `<tr><td><code>${escapeHtml(header)}</code></td><td>${escapeHtml(typeOf(schema))}</td><td>${required.has(header) ? 'yes' : 'no'}</td><td>${escapeHtml(schema.description ?? '')}</td></tr>`,
        )
        .join('\n');
      const ref = m.payload.$ref?.split('/').pop();
      const payload = ref ? components.schemas[ref] : m.payload;
      return `<section id="${escapeHtml(name)}">
<h3>${escapeHtml(m.title)}</h3>
${prose(m.description)}
<table><caption>Headers</caption><thead><tr><th>Header</th><th>Type</th><th>Required</th><th>Meaning</th></tr></thead>
<tbody>${headers}</tbody></table>
<details><summary>Payload schema (the record's value)</summary><pre>${escapeHtml(JSON.stringify(payload, null, 2))}</pre></details>
</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(info.title)} — AsyncAPI</title>
<style>
body{font:16px/1.5 system-ui,sans-serif;max-width:72rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
table{border-collapse:collapse;width:100%;margin:1rem 0}th,td{border:1px solid #ccc;padding:.3rem .5rem;text-align:left;vertical-align:top}
caption{text-align:left;font-weight:600}code{font-size:.9em}pre{overflow:auto;background:#f5f5f5;padding:1rem}
section{border-top:1px solid #ddd;margin-top:2rem}
</style></head>
<body><main>
<h1>${escapeHtml(info.title)} <small>${escapeHtml(info.version)}</small></h1>
<p>The machine-readable document: <a href="/asyncapi.json">/asyncapi.json</a> (AsyncAPI 3.0). The HTTP API: <a href="/docs">/docs</a>.</p>
${prose(info.description)}
<h2>Topics</h2>
<table><thead><tr><th>Topic</th><th>Title</th><th>Description</th></tr></thead><tbody>${channelRows}</tbody></table>
<h2>Messages</h2>
<nav><ul>${Object.keys(components.messages)
    .map((name) => `<li><a href="#${escapeHtml(name)}">${escapeHtml(name)}</a></li>`)
    .join('')}</ul></nav>
${messages}
</main></body></html>`;
}

function notFound(reply: FastifyReply, url: string, detail: string) {
  return reply
    .status(404)
    .header('content-type', PROBLEM_CONTENT_TYPE)
    .send({
      type: problemType('not-found'),
      title: 'Not Found',
      status: 404,
      code: 'NOT_FOUND',
      detail,
      instance: url,
    });
}

/**
 * The public event contract, for downstream teams (no token needed; nothing in it is classified):
 * `GET /schemas/events` lists every schema version, `GET /schemas/events|derived/{type}/v{n}.json` serves one
 * (each event's `ce_dataschema`), `GET /asyncapi.json` the AsyncAPI 3 document of the topics, `GET /asyncapi` a page.
 */
export function serveEventContract(app: FastifyInstance, config: AppConfig): void {
  const published = schemaFiles();
  const files = new Map(published.map((f) => [`/schemas/${f.path}`, f]));
  const index = published.map((f) => ({
    type: f.type,
    version: f.version,
    url: `${config.publicBaseUrl}/schemas/${f.path}`,
  }));
  const document = asyncApiDocument({
    topicPrefix: config.kafka.topicPrefix,
    levels: CLASSIFICATIONS,
    partitions: config.kafka.partitions,
    brokers: config.kafka.brokers,
    schemaBaseUrl: config.publicBaseUrl,
    version: APP_VERSION,
  });
  const page = renderAsyncApiPage(document);
  const cached = (reply: FastifyReply) => reply.header('cache-control', 'public, max-age=300');

  app.get('/schemas/events', async (_request, reply) => cached(reply).send({ schemas: index }));
  app.get<{ Params: { folder: string; type: string; file: string } }>(
    '/schemas/:folder/:type/:file',
    async (request, reply) => {
      const { folder, type, file: name } = request.params;
      const file = files.get(`/schemas/${folder}/${encodeURIComponent(type)}/${name}`);
      if (!file) return notFound(reply, request.url, 'No such event type or schema version.');
      // A published schema version never changes: safe to cache for good.
      return reply
        .header('content-type', SCHEMA_CONTENT_TYPE)
        .header('cache-control', 'public, max-age=31536000, immutable')
        .send(file.json);
    },
  );
  app.get('/asyncapi.json', async (_request, reply) => cached(reply).send(document));
  app.get('/asyncapi', async (_request, reply) =>
    cached(reply).header('content-type', 'text/html; charset=utf-8').send(page),
  );
}
