import { IsNotEmpty, IsString, MaxLength } from 'class-validator';

/** Body of POST /v1/entries/{eventId}/retractions: the entry should not have been recorded at all. */
export class RetractEntryRequestDto {
  @IsString() @IsNotEmpty() @MaxLength(5_000) reason!: string;
}
