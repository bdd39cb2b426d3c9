import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsNotEmpty,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { ParticipantDto, Type } from '../../shared/dto.js';
import { EngagementDto } from '../engagement.dto.js';

/** Body of POST /v1/countries/{country}/meetings. */
export class RecordEnvoyMeetingRequestDto extends EngagementDto {
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

  @IsString() @MaxLength(5_000) outcome = '';

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(1_000, { each: true })
  nextSteps: string[] = [];
}
