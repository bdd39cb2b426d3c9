import { Module, type Type } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module.js';
import { Announcements } from './derived/announcements.js';
import { AnnounceExpiringOffersJob } from './jobs/announce-expiring-offers.job.js';
import { AnnounceHighRiskSharesJob } from './jobs/announce-high-risk-shares.job.js';
import { AnnounceOverdueFollowUpsJob } from './jobs/announce-overdue-follow-ups.job.js';
import { ExpireLapsedOffersJob } from './jobs/expire-lapsed-offers.job.js';
import { SCHEDULED_JOBS, type ScheduledJob } from './scheduled-job.js';
import { SchedulerService } from './scheduler.service.js';

/** Every job the scheduler runs, in this order. A new job: a ScheduledJob class in jobs/, and its line here. */
const JOBS: readonly Type<ScheduledJob>[] = [
  ExpireLapsedOffersJob,
  AnnounceOverdueFollowUpsJob,
  AnnounceExpiringOffersJob,
  AnnounceHighRiskSharesJob,
];

/** The API's one scheduler for time-based work (see SchedulerService). */
@Module({
  imports: [MetricsModule],
  providers: [
    Announcements,
    ...JOBS,
    { provide: SCHEDULED_JOBS, inject: [...JOBS], useFactory: (...jobs: ScheduledJob[]) => jobs },
    SchedulerService,
  ],
  exports: [SchedulerService],
})
export class SchedulerModule {}
