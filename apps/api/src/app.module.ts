import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { CqrsModule } from '@nestjs/cqrs';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { type AppConfig, synchronousStdout } from '#config';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { ContractsModule } from './contracts/contracts.module.js';
import { CorrectionsModule } from './corrections/corrections.module.js';
import { CountriesModule } from './countries/countries.module.js';
import { DependencyModule } from './dependency/dependency.module.js';
import { EngagementsModule } from './engagements/engagements.module.js';
import { FollowUpsModule } from './follow-ups/follow-ups.module.js';
import { HealthController } from './health/health.controller.js';
import { ProblemDetailsFilter } from './http/problem-details.filter.js';
import { ImportsModule } from './imports/imports.module.js';
import { IncentivesModule } from './incentives/incentives.module.js';
import { InfrastructureModule } from './infrastructure/infrastructure.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { ObservationsModule } from './observations/observations.module.js';
import { RegistersModule } from './registers/registers.module.js';
import { SchedulerModule } from './scheduler/scheduler.module.js';
import { SearchModule } from './search/search.module.js';
import { TechnicalSupportModule } from './technical-support/technical-support.module.js';
import { TimelineModule } from './timeline/timeline.module.js';
import { VendorsModule } from './vendors/vendors.module.js';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: AppModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              // Tokens and cookies never reach a log line.
              redact: ['req.headers.authorization', 'req.headers.cookie'],
              autoLogging: { ignore: (req) => /^\/(health|metrics)/.test(req.url ?? '') },
            },
            synchronousStdout(),
          ],
        }),
        CqrsModule.forRoot(),
        TerminusModule.forRoot({ logger: false }),
        InfrastructureModule.forRoot(config),
        AuthModule,
        EngagementsModule,
        FollowUpsModule,
        IncentivesModule,
        TechnicalSupportModule,
        ContractsModule,
        ObservationsModule,
        CorrectionsModule,
        VendorsModule,
        ImportsModule,
        TimelineModule,
        SearchModule,
        RegistersModule,
        DependencyModule,
        CountriesModule,
        AuditModule,
        MetricsModule,
        SchedulerModule,
      ],
      controllers: [HealthController],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
    };
  }
}
