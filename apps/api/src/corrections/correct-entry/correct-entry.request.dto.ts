import { IsNotEmpty, IsObject, IsString, MaxLength } from 'class-validator';
import { MaxKeys } from '../../shared/dto.js';

/**
 * Body of POST /v1/entries/{eventId}/corrections. `changes` maps fields of the entry's data (or `occurredAt`) to
 * their corrected values; the domain checks the names and that each value keeps its kind.
 */
export class CorrectEntryRequestDto {
  @IsObject() @MaxKeys(30) changes!: Record<string, unknown>;

  @IsString() @IsNotEmpty() @MaxLength(5_000) reason!: string;
}
