import { Module } from '@nestjs/common';
import { ImportLineDispatcher } from '../http/import-dispatcher.js';
import { ImportStore } from './import-store.js';
import { ImportsHttpController } from './imports.http.controller.js';

/** Bulk imports of historic records (POST /v1/imports, npm run import). */
@Module({
  controllers: [ImportsHttpController],
  providers: [ImportStore, ImportLineDispatcher],
})
export class ImportsModule {}
