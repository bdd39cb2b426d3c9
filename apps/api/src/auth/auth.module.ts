import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { AppConfig } from '#config';
import { APP_CONFIG } from '../infrastructure/tokens.js';
import { MetricsModule } from '../metrics/metrics.module.js';
import { AccessGuard } from './access.js';
import { AccessRefusals } from './access-refusals.js';
import { JoseTokenVerifier, TOKEN_VERIFIER } from './token-verifier.js';

/** Who is calling (tokens) and what each route lets them do (the access guard). */
@Global()
@Module({
  imports: [MetricsModule],
  providers: [
    AccessRefusals,
    {
      provide: TOKEN_VERIFIER,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => new JoseTokenVerifier(config.auth),
    },
    { provide: APP_GUARD, useClass: AccessGuard },
  ],
  exports: [AccessRefusals, TOKEN_VERIFIER],
})
export class AuthModule {}
