import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import type { AppConfig } from '#config';
import { EngagementsModule } from './engagements/engagements.module.js';
import { HealthController } from './health/health.controller.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { TimelineModule } from './timeline/timeline.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
          },
        }),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        InfrastructureModule.forRoot(config),
        EngagementsModule,
        TimelineModule,
        MetricsModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
