import { ArrayMaxSize, IsArray, IsIn, IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { CONCERNS, type Concern } from '#domain';
import { EntryFactsDto } from '../shared/dto.js';

/** What meetings and dialogue rounds both state: what was discussed, which concerns and vendors came up. */
export class EngagementDto extends EntryFactsDto {
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
}
