import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { engagementDecider, engagementStreamId } from '#domain';
import { PostgresEventStore } from '#event-store';
import { type EntryRecorded, RecordEnvoyMeetingCommand } from './record-envoy-meeting.command.js';

@CommandHandler(RecordEnvoyMeetingCommand)
export class RecordEnvoyMeetingHandler implements ICommandHandler<RecordEnvoyMeetingCommand> {
  constructor(private readonly store: PostgresEventStore) {}

  async execute({ country, request, context }: RecordEnvoyMeetingCommand): Promise<EntryRecorded> {
    const meetingId = randomUUID();
    const streamId = engagementStreamId(meetingId);
    const metadata = { ...context, recordedAt: new Date(), causationId: null };
    const { state, version } = await this.store.aggregateStream(streamId, engagementDecider);
    const events = engagementDecider.decide(
      {
        type: 'RecordEnvoyMeeting',
        country,
        occurredAt: new Date(request.occurredAt),
        classification: request.classification,
        source: request.source ?? null,
        confidence: request.confidence ?? null,
        meeting: {
          meetingId,
          location: request.location,
          envoys: request.envoys.map(({ name, title, organisation }) => ({ name, title, organisation })),
          counterparts: request.counterparts.map(({ name, title, organisation }) => ({
            name,
            title,
            organisation,
          })),
          topics: request.topics,
          concerns: request.concerns,
          vendorsDiscussed: request.vendorsDiscussed,
          summary: request.summary,
          outcome: request.outcome,
          nextSteps: request.nextSteps,
        },
        metadata,
      },
      state,
    );
    const result = await this.store.appendToStream(
      streamId,
      events.map((event) => ({ ...event, eventId: randomUUID() })),
      { expectedVersion: version, category: 'engagement', metadata },
    );
    const [first] = result.events;
    if (!first) throw new Error('the decider recorded no event for a new meeting');
    return { entryId: meetingId, ...first, streamId };
  }
}
