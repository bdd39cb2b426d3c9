import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { type OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { buildOpenApiDocument, DOCS_PATH, OPENAPI_JSON_PATH } from './openapi-document.js';

/**
 * Serves the OpenAPI document at /openapi.json and Swagger UI at /docs, both public. The document is built once,
 * here at start-up, from the routes Nest has registered (so call this after the app is created, before it
 * listens); a route the builder cannot describe fails the start, not a reader. Swagger UI's files come from
 * swagger-ui-dist in node_modules (no CDN), and every script it runs is a file of this origin, so the API's CSP
 * (`script-src 'self'`) needs no exception.
 */
export async function serveApiDocuments(
  app: NestFastifyApplication,
  version?: string,
): Promise<OpenAPIObject> {
  const document = buildOpenApiDocument(app, version);
  SwaggerModule.setup(DOCS_PATH.slice(1), app, document, {
    jsonDocumentUrl: OPENAPI_JSON_PATH.slice(1),
    raw: ['json'],
    customSiteTitle: 'demarche API',
    swaggerOptions: { persistAuthorization: false, displayOperationId: true },
  });
  // SwaggerModule registers its static files as a plugin it does not await: load it now, as the web app's files
  // are, so every route exists once the app is created.
  await app.getHttpAdapter().getInstance().after();
  return document;
}
