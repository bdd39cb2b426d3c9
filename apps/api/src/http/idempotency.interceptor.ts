import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { from, type Observable, switchMap } from 'rxjs';
import type { EntryStore } from '../shared/entry-store.js';
import { replyRecorded } from '../shared/recorded-reply.js';
import { requestContext } from './request-context.js';

/** Set on the answer of a retry: the entry was recorded by the first request with the key, nothing now. */
export const REPLAYED_HEADER = 'idempotent-replayed';

/**
 * A command sent with an Idempotency-Key is looked up before anything else runs — validation, cross-entry
 * checks, the decider — so a retry always gets the first answer (201 and the same body), even if the world
 * has changed since (the source meeting retracted, the offer accepted), marked `Idempotent-Replayed: true`. A key
 * reused for another request: 422.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(private readonly entries: EntryStore) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    if (request.method !== 'POST' || request.headers['idempotency-key'] === undefined) return next.handle();
    return from(this.entries.remembered(requestContext(request))).pipe(
      switchMap((first) =>
        first
          ? from([replyRecorded(http.getResponse<FastifyReply>().header(REPLAYED_HEADER, 'true'), first)])
          : next.handle(),
      ),
    );
  }
}
