import { type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { PROBLEM_CONTENT_TYPE, type Problem, problemType } from './problem.js';
import { toProblem } from './problem-details.filter.js';

/**
 * Requests Node refuses while reading them (oversized headers, a malformed request line, a deadline missed)
 * never reach Fastify's routing, Nest or its exception filter: they are answered here, as problem+json too.
 */
function clientProblem(code: string | undefined): Problem {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        type: problemType('header-fields-too-large'),
        title: 'Request Header Fields Too Large',
        status: 431,
        detail: 'The request line and headers together exceed the size this server reads.',
      };
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return {
        type: problemType('chunk-extensions-too-large'),
        title: 'Content Too Large',
        status: 413,
        detail: 'The chunk extensions of the body exceed the size this server reads.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return {
        type: problemType('request-timeout'),
        title: 'Request Timeout',
        status: 408,
        detail: 'The request was not received in time.',
      };
    default:
      return {
        type: problemType('malformed-request'),
        title: 'Bad Request',
        status: 400,
        detail: 'The request is not well-formed HTTP/1.1.',
      };
  }
}

/**
 * Fastify's `clientErrorHandler`: as Node's own answer (400, 408, 413 or 431, then the connection closed), but with a
 * problem body. Nothing is written on a socket that is gone or whose response has already begun.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const response = (socket as Socket & { _httpMessage?: ServerResponse })._httpMessage;
  if (socket.writable && !response?.headersSent) {
    const problem = clientProblem(error.code);
    const body = JSON.stringify(problem);
    socket.write(
      `HTTP/1.1 ${problem.status} ${STATUS_CODES[problem.status]}\r\n` +
        `Content-Type: ${PROBLEM_CONTENT_TYPE}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** What Fastify's router refuses before any hook or handler runs. */
function routerProblem(error: { code?: string; statusCode?: number; message: string }, instance: string) {
  switch (error.code) {
    case 'FST_ERR_BAD_URL':
      return {
        type: problemType('malformed-url'),
        title: 'Bad Request',
        status: 400,
        detail: 'The path is not valid percent-encoded UTF-8.',
        instance,
      };
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return {
        type: problemType('path-segment-too-long'),
        title: 'URI Too Long',
        status: 414,
        detail: 'A path segment is longer than this API reads.',
        instance,
      };
    default:
      return toProblem(error, instance).problem;
  }
}

/**
 * Fastify's `frameworkErrors`: a malformed or over-long URL is refused by the router, whose default answer is
 * Fastify's own JSON (and whose error handler is not yet Nest's). Answered as problem+json like any other error.
 */
export function answerFrameworkError(
  error: { code?: string; statusCode?: number; message: string },
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  // The raw URL is what was sent; it is only echoed inside JSON.
  const problem = routerProblem(error, request.raw.url ?? '');
  void reply.status(problem.status).header('content-type', PROBLEM_CONTENT_TYPE).send(problem);
}

/** The FastifyAdapter options that route Node's and the router's own refusals to the two answers above. */
export const EDGE_ERROR_HANDLERS = {
  clientErrorHandler: answerClientError,
  frameworkErrors: answerFrameworkError,
} as const;
