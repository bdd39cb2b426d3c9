import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { CONCERNS, type Concern } from '#domain';
import { EntryFactsDto, ParticipantDto, Type } from '../../shared/dto.js';

/** Body of POST /v1/countries/{country}/meetings. */
export class RecordEnvoyMeetingRequestDto extends EntryFactsDto {
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
}
