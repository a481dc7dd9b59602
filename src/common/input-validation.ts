import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance, Transform } from 'class-transformer';
import { getMetadataStorage, ValidateBy, validateSync, type ValidationError } from 'class-validator';
import { InvalidInput } from './domain-errors.js';
import { INPUT_LIMITS, optionalHttpUrl, optionalText, requiredText } from './input-rules.js';

/**
 * GraphQL inputs checked at the edge with class-validator, by the rules of input-rules.ts: a field
 * decorated here is normalised (trimmed, scheme lower-cased) and then validated by the same function,
 * and the one pipe below turns the first failure into BAD_USER_INPUT naming the field (`source.url`).
 */

/** Returns the field's value as it is kept, or throws InvalidInput naming `field`. */
type InputRule = (value: unknown, field: string) => unknown;

const RULE = 'inputRule';

function isAllowed(rule: InputRule, value: unknown): boolean {
  try {
    rule(value, 'value');
    return true;
  } catch {
    return false;
  }
}

function ByRule(rule: InputRule): PropertyDecorator {
  return (target, property) => {
    // Normalise what passes; leave what fails as it came, for the validation to report.
    Transform(({ value }) => (isAllowed(rule, value) ? rule(value, String(property)) : value))(target, property);
    ValidateBy(
      {
        name: RULE,
        validator: {
          validate: (value) => isAllowed(rule, value),
          // class-validator keeps the rule in the error's contexts only when there is a message.
          defaultMessage: (args) => `${args?.property ?? 'value'} is not valid`,
        },
      },
      { context: { rule } },
    )(target, property);
  };
}

const asText = (value: unknown): string | null | undefined => value as string | null | undefined;

/** Optional free text of at most `maxLength` characters; blank becomes null. */
export const OptionalText = (maxLength: number) =>
  ByRule((value, field) => optionalText(asText(value), field, maxLength));

/** Free text that must not be blank. */
export const RequiredText = (maxLength: number) =>
  ByRule((value, field) => requiredText(asText(value), field, maxLength));

/** An optional http(s) address (the one URL rule). */
export const OptionalHttpUrl = (maxLength: number = INPUT_LIMITS.url) =>
  ByRule((value, field) => optionalHttpUrl(asText(value), field, maxLength));

/** A list of at most `maxItems` non-blank texts; an item is named by its index (`aliases[2]`). */
export const TextList = (maxItems: number, maxLength: number) =>
  ByRule((value, field) => {
    if (value === null || value === undefined) return value;
    if (!Array.isArray(value)) throw new InvalidInput(field, `${field} must be a list`);
    if (value.length > maxItems) throw new InvalidInput(field, `${field} may list at most ${maxItems} names`);
    return value.map((item, index) => requiredText(asText(item), `${field}[${index}]`, maxLength));
  });

/** The first failure, named by its path inside the input, as the rule that refused it says it. */
function toInvalidInput(error: ValidationError, parent: string): InvalidInput {
  const path = parent ? `${parent}.${error.property}` : error.property;
  const [child] = error.children ?? [];
  if (child) return toInvalidInput(child, path);
  const rule = (error.contexts?.[RULE] as { rule?: InputRule } | undefined)?.rule;
  if (rule) {
    try {
      rule(error.value, path);
    } catch (refusal) {
      if (refusal instanceof InvalidInput) return refusal;
    }
  }
  const message = Object.values(error.constraints ?? {})[0] ?? 'is not valid';
  return new InvalidInput(
    path,
    message.startsWith(error.property) ? path + message.slice(error.property.length) : `${path}: ${message}`,
  );
}

const hasRulesCache = new Map<unknown, boolean>();

function hasRules(type: unknown): type is new () => object {
  let known = hasRulesCache.get(type);
  if (known === undefined) {
    known =
      typeof type === 'function' && getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    hasRulesCache.set(type, known);
  }
  return known;
}

/** The input as a checked, normalised instance of `type`, or the InvalidInput of its first bad field. */
export function validateInput<T extends object>(type: new () => T, value: unknown): T {
  const instance = plainToInstance(type, value);
  const [error] = validateSync(instance, { forbidUnknownValues: false, stopAtFirstError: true });
  if (error) throw toInvalidInput(error, '');
  return instance;
}

/**
 * On every mutation resolver (`@UsePipes(InputValidationPipe)`): the arguments whose class carries
 * rules are checked, the rest pass untouched. Not a global pipe: Nest would then run it, asynchronously,
 * for every parameter of every field resolver of every read (hundreds for a nested page) to check nothing.
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (value === null || value === undefined || typeof value !== 'object' || !hasRules(metadata.metatype))
      return value;
    return validateInput(metadata.metatype, value);
  }
}
