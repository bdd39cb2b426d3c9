import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DIALOGUE_LEVELS, type DialogueLevel } from '#domain';
import { ParticipantDto, Type } from '../../shared/dto.js';
import { EngagementDto } from '../engagement.dto.js';

/** Body of POST /v1/countries/{country}/dialogues. */
export class RecordDialogueRoundRequestDto extends EngagementDto {
  @IsString() @IsNotEmpty() @MaxLength(200) track!: string;

  @IsInt() @Min(1) round!: number;

  @IsIn(DIALOGUE_LEVELS) level!: DialogueLevel;

  @IsString() @IsNotEmpty() @MaxLength(200) location!: string;

  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => ParticipantDto)
  coChairs!: ParticipantDto[];

  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1_000, { each: true })
  agenda: string[] = [];

  @IsOptional() @IsString() @MaxLength(20_000) jointStatement: string | null = null;

  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1_000, { each: true })
  deliverables: string[] = [];
}
