import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNotEmpty,
  IsObject,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { RESPONSE_CHANNELS, type ResponseChannel, STANCES, type Stance } from '#domain';
import { EntryFactsDto, ParticipantDto, Type } from '../../shared/dto.js';

/** Body of POST /v1/countries/{country}/responses: something the country said or did that shows its stance. */
export class ObserveCountryResponseRequestDto extends EntryFactsDto {
  @IsIn(STANCES) stance!: Stance;

  @IsObject() @ValidateNested() @Type(() => ParticipantDto) speaker!: ParticipantDto;

  @IsOptional() @IsString() @MaxLength(5_000) quote: string | null = null;

  @IsIn(RESPONSE_CHANNELS) channel!: ResponseChannel;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(200, { each: true })
  topics: string[] = [];

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  vendorsMentioned: string[] = [];

  @IsString() @IsNotEmpty() @MaxLength(20_000) summary!: string;
}
