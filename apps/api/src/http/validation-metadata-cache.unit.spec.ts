import 'reflect-metadata';
import { Type } from 'class-transformer';
import { IsInt, IsString, MaxLength, MetadataStorage, ValidateNested, validateSync } from 'class-validator';
import { cacheValidationMetadata } from './validation-metadata-cache.js';

describe('cacheValidationMetadata', () => {
  class Inner {
    @IsString()
    name!: string;
  }
  class Outer {
    @IsInt()
    count!: number;

    @ValidateNested()
    @Type(() => Inner)
    inner!: Inner;
  }
  const outer = (count: unknown, name: unknown) =>
    Object.assign(new Outer(), { count, inner: Object.assign(new Inner(), { name }) });
  const failing = (value: object) => validateSync(value).map((e) => e.property);

  beforeAll(() => cacheValidationMetadata());

  it('answers as class-validator does, again and again, nested objects included', () => {
    for (let i = 0; i < 3; i += 1) {
      expect(failing(outer(1, 'a'))).toEqual([]);
      expect(failing(outer('x', 'a'))).toEqual(['count']);
      expect(failing(outer(1, 2))).toEqual(['inner']);
    }
  });

  it('takes in a rule registered after a class was first validated, and rules of a subclass', () => {
    class Later {
      @IsString()
      label!: string;
    }
    expect(failing(Object.assign(new Later(), { label: 'ok' }))).toEqual([]);
    // A rule added to a class already looked up (as a decorator evaluated later would add it).
    MaxLength(2)(Later.prototype, 'label');
    expect(failing(Object.assign(new Later(), { label: 'too long' }))).toEqual(['label']);
    class Sub extends Later {
      @IsInt()
      extra!: number;
    }
    expect(failing(Object.assign(new Sub(), { label: 'ok', extra: 'x' }))).toEqual(['extra']);
    expect(failing(Object.assign(new Sub(), { label: 'long', extra: 1 }))).toEqual(['label']);
  });

  it('wraps a storage once, however often it is installed', () => {
    const storage = new MetadataStorage();
    cacheValidationMetadata(storage);
    const wrapped = storage.getTargetValidationMetadatas;
    cacheValidationMetadata(storage);
    expect(storage.getTargetValidationMetadatas).toBe(wrapped);
  });
});
