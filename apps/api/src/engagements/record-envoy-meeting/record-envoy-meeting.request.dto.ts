import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import {
  CLASSIFICATIONS,
  type Classification,
  CONCERNS,
  CONFIDENCE_LEVELS,
  type Concern,
  type Confidence,
} from '#domain';

export class ParticipantDto {
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) title!: string;
  @IsString() @IsNotEmpty() @MaxLength(200) organisation!: string;
}

/** Body of POST /v1/countries/{country}/meetings. */
export class RecordEnvoyMeetingRequestDto {
  @IsISO8601({ strict: true, strictSeparator: true }, { message: 'occurredAt must be an ISO 8601 date-time' })
  occurredAt!: string;

  @IsString() @IsNotEmpty() @MaxLength(200) location!: string;

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  envoys!: ParticipantDto[];

  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  counterparts!: ParticipantDto[];

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  topics: string[] = [];

  @IsArray()
  @ArrayMaxSize(CONCERNS.length)
  @IsIn(CONCERNS, { each: true })
  concerns: Concern[] = [];

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  vendorsDiscussed: string[] = [];

  @IsString() @IsNotEmpty() @MaxLength(20_000) summary!: string;

  @IsString() @MaxLength(5_000) outcome = '';

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1_000, { each: true })
  nextSteps: string[] = [];

  @IsIn(CLASSIFICATIONS) classification: Classification = 'unclassified';

  @IsOptional() @IsString() @MaxLength(500) source?: string;

  @IsOptional() @IsIn(CONFIDENCE_LEVELS) confidence?: Confidence;
}
