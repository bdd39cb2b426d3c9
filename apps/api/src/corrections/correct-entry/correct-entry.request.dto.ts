import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import { MaxKeys } from '../../shared/dto.js';

/**
 * Body of POST /v1/entries/{eventId}/corrections. `changes` maps correctable fields of the entry (its type's
 * CORRECTABLE_FIELDS, plus `occurredAt`, `source` and `confidence`) to their corrected values, each checked with
 * the rules of the command that recorded the entry (see entry-correction.ts).
 */
export class CorrectEntryRequestDto {
  @IsObject() @MaxKeys(30) changes!: Record<string, unknown>;

  @IsString() @IsNotEmpty() @MaxLength(5_000) reason!: string;
}
