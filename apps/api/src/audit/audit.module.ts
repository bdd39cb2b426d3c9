import { Module } from '@nestjs/common';
import { ListAuditHandler } from './audit.handler.js';
import { AuditHttpController } from './audit.http.controller.js';

/** The audit trail over the event store (admins). */
@Module({
  controllers: [AuditHttpController],
  providers: [ListAuditHandler],
})
export class AuditModule {}
