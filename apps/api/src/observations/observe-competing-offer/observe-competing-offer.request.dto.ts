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
import { RIVAL_KINDS, type RivalKind } from '#domain';
import { EntryFactsDto, Type } from '../../shared/dto.js';
import { MoneyDto } from '../../shared/money.dto.js';

export class RivalDto {
  @IsIn(RIVAL_KINDS) kind!: RivalKind;
  @IsString() @IsNotEmpty() @MaxLength(200) name!: string;
}

/** Body of POST /v1/countries/{country}/competing-offers: a rival state or vendor put an offer to the country. */
export class ObserveCompetingOfferRequestDto extends EntryFactsDto {
  @IsObject() @ValidateNested() @Type(() => RivalDto) rival!: RivalDto;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(100, { each: true })
  vendorsInvolved: string[] = [];

  @IsOptional() @IsString() @MaxLength(1_000) financing: string | null = null;

  @IsOptional() @ValidateNested() @Type(() => MoneyDto) amount: MoneyDto | null = null;

  @IsArray()
  @ArrayMaxSize(50)
  @IsString({ each: true })
  @IsNotEmpty({ each: true })
  @MaxLength(500, { each: true })
  bundle: string[] = [];

  @IsString() @IsNotEmpty() @MaxLength(20_000) summary!: string;
}
