import {
  type CallHandler,
  type ExecutionContext,
  HttpException,
  Injectable,
  type NestInterceptor,
} from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Observable, tap } from 'rxjs';
import { MetricsService } from './metrics.service.js';

/** Times every request by its route pattern (not its URL, which would explode the label set). */
@Injectable()
export class MetricsInterceptor implements NestInterceptor {
  constructor(private readonly metrics: MetricsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest>();
    const route = request.routeOptions?.url ?? 'unknown';
    const end = this.metrics.requestDuration.startTimer({ method: request.method, route });
    const finish = (status: number) => {
      end({ status: String(status) });
      if (request.method !== 'GET' && status >= 400)
        this.metrics.commandErrors.inc({ route, status: String(status) });
    };
    return next.handle().pipe(
      tap({
        next: () => finish(http.getResponse<FastifyReply>().statusCode),
        error: (error: unknown) => finish(error instanceof HttpException ? error.getStatus() : 500),
      }),
    );
  }
}
