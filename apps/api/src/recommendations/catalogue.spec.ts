import 'reflect-metadata';
import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { getMetadataStorage } from 'class-validator';
import {
  ACTION_CATALOGUE,
  ACTIONS,
  EVENT_CATALOGUE,
  RECOMMENDATION_EVENT_TYPES,
  type Action,
  type ActionInput,
  type ActionSpec,
  type EventSpec,
  type FieldSpec,
} from '@ngk/domain';
import { RecommendationActionsController } from './recommendation-actions.controller';

/** A field of a UI form, as apps/api/public/app/views/action-fields.js declares it. */
interface FormField {
  name: string;
  kind: string;
  required?: boolean;
  initial?: string;
  when?: [string, string];
  group?: string;
  values?: string[];
}

// The web UI is plain browser modules; jest compiles them for this test (jest.config.js).
/* eslint-disable @typescript-eslint/no-require-imports */
const { ACTION_FIELDS } = require('../../public/app/views/action-fields.js') as {
  ACTION_FIELDS: Partial<Record<string, FormField[]>>;
};
const DICTIONARIES = {
  vi: (require('../../public/app/i18n/vi.js') as { default: Record<string, string> }).default,
  en: (require('../../public/app/i18n/en.js') as { default: Record<string, string> }).default,
};
/* eslint-enable @typescript-eslint/no-require-imports */

// @nestjs/swagger's metadata keys (its DECORATORS constants, which the package does not export).
const SWAGGER_PROPERTY_LIST = 'swagger/apiModelPropertiesArray';
const SWAGGER_PROPERTY = 'swagger/apiModelProperties';

const catalogue: Readonly<Record<Action, ActionSpec>> = ACTION_CATALOGUE;
const events: Readonly<Record<string, EventSpec>> = EVENT_CATALOGUE;

/** The controller's routes, `METHOD /path`, each with its handler's name. */
function controllerRoutes(): Map<string, string> {
  const controller = RecommendationActionsController;
  const base = String(Reflect.getMetadata(PATH_METADATA, controller));
  const routes = new Map<string, string>();
  for (const name of Object.getOwnPropertyNames(controller.prototype)) {
    const handler: unknown = Reflect.get(controller.prototype, name);
    if (typeof handler !== 'function' || !Reflect.hasMetadata(METHOD_METADATA, handler)) continue;
    const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod];
    routes.set(`${method} /${base}/${String(Reflect.getMetadata(PATH_METADATA, handler))}`, name);
  }
  return routes;
}

/** The class a handler's @Body() is validated against, as Nest reads it. */
function bodyClass(handler: string): (new () => object) | undefined {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, RecommendationActionsController, handler) ??
    {}) as Record<string, { index: number }>;
  const body = Object.entries(args).find(([key]) => key.split(':')[0] === String(RouteParamtypes.BODY));
  const types = Reflect.getMetadata(
    'design:paramtypes',
    RecommendationActionsController.prototype,
    handler,
  ) as unknown[];
  const type = body ? types[body[1].index] : undefined;
  return typeof type === 'function' && type !== Object ? (type as new () => object) : undefined;
}

/** What the OpenAPI document says of each field of a DTO. */
function swaggerFields(dto: new () => object): Map<string, { required?: boolean; enum?: unknown[] }> {
  const names = (Reflect.getMetadata(SWAGGER_PROPERTY_LIST, dto.prototype) ?? []) as string[];
  return new Map(
    names.map((key) => {
      const name = key.slice(1);
      return [name, Reflect.getMetadata(SWAGGER_PROPERTY, dto.prototype, name)];
    }),
  );
}

/** The fields class-validator checks: any other is refused by the whitelist. */
function validatedFields(dto: new () => object): Set<string> {
  return new Set(
    getMetadataStorage()
      .getTargetValidationMetadatas(dto, '', true, false)
      .map((m) => m.propertyName),
  );
}

const says = (required: boolean) => (required ? 'required' : 'optional');
const sorted = (values: readonly unknown[] | undefined) => JSON.stringify([...(values ?? [])].sort());

function dtoProblems(action: Action, handler: string): string[] {
  const dto = bodyClass(handler);
  if (!dto) return [`action '${action}' has no DTO class on its controller method ${handler}()`];
  const input: Readonly<Record<string, FieldSpec>> = catalogue[action].input;
  const documented = swaggerFields(dto);
  const validated = validatedFields(dto);
  const problems: string[] = [];
  for (const [name, field] of Object.entries(input)) {
    const where = `DTO ${dto.name} of action '${action}'`;
    const doc = documented.get(name);
    if (!doc) {
      problems.push(`${where} has no documented field '${name}'`);
      continue;
    }
    if (!validated.has(name)) problems.push(`${where} does not validate field '${name}'`);
    // Swagger's "required" is unconditional: a field required only `when` another has a value is optional.
    if ((doc.required !== false) !== (field.required && !field.when))
      problems.push(
        `${where}: field '${name}' is ${says(doc.required !== false)} in the DTO, ${says(field.required && !field.when)} in the catalogue`,
      );
    if (field.values && sorted(doc.enum) !== sorted(field.values))
      problems.push(`${where}: field '${name}' takes ${sorted(doc.enum)}, not ${sorted(field.values)}`);
  }
  for (const name of new Set([...documented.keys(), ...validated]))
    if (!(name in input)) problems.push(`DTO ${dto.name} has field '${name}' that action '${action}' lacks`);
  return problems;
}

function formProblems(action: Action): string[] {
  const form = ACTION_FIELDS[action];
  if (!form) return [`action '${action}' has no UI form`];
  const input: Readonly<Record<string, FieldSpec>> = catalogue[action].input;
  const problems: string[] = [];
  const where = `UI form of action '${action}'`;
  for (const name of Object.keys(input))
    if (!form.some((f) => f.name === name)) problems.push(`${where} has no field '${name}'`);
  for (const f of form) {
    const field = input[f.name];
    if (!field) {
      problems.push(`${where} has field '${f.name}' that the catalogue lacks`);
      continue;
    }
    if (f.kind !== field.type)
      problems.push(`${where}: field '${f.name}' is a ${f.kind}, not a ${field.type}`);
    // A choice with an initial value always has one.
    if (Boolean(f.required || f.initial) !== field.required)
      problems.push(
        `${where}: field '${f.name}' is ${says(!field.required)} in the form, ${says(field.required)} in the catalogue`,
      );
    if (JSON.stringify(f.when) !== JSON.stringify(field.when))
      problems.push(
        `${where}: field '${f.name}' shows when ${JSON.stringify(f.when)}, not ${JSON.stringify(field.when)}`,
      );
    if (field.values && sorted(f.values) !== sorted(field.values))
      problems.push(`${where}: field '${f.name}' offers ${sorted(f.values)}, not ${sorted(field.values)}`);
  }
  return problems;
}

/** The label keys an action's form shows: its name, its fields, its choices' values. */
function actionLabels(action: Action): string[] {
  const form = ACTION_FIELDS[action] ?? [];
  return [
    `action.${action}`,
    ...form.map((f) => `field.${f.name}`),
    ...form.flatMap((f) => (f.values ?? []).map((value) => `${f.group}.${value}`)),
  ];
}

function missingLabels(subject: string, keys: string[]): string[] {
  return (['vi', 'en'] as const).flatMap((lang) =>
    keys
      .filter((key) => !DICTIONARIES[lang][key])
      .map((key) => `${subject} has no label '${key}' in ${lang}`),
  );
}

/** Actions whose typed input (ActionInput) names other fields than the catalogue's input. */
type Same<X, Y> = [X] extends [Y] ? ([Y] extends [X] ? true : false) : false;
type InputFields<A extends Action> = Exclude<keyof Extract<ActionInput, { action: A }>, 'action'>;
type Disagreeing = {
  [A in Action]: Same<InputFields<A>, keyof (typeof ACTION_CATALOGUE)[A]['input']> extends true ? never : A;
}[Action];
// Compiles only while no action disagrees: the compiler names the one that does.
const disagreeing: Record<Disagreeing, never> = {};

describe('the catalogue of actions and events', () => {
  const routes = controllerRoutes();

  it("types every action's input with the catalogue's fields", () => {
    expect(Object.keys(disagreeing)).toEqual([]);
  });

  it('serves every action on the actions controller, and nothing else there', () => {
    const served = new Set(ACTIONS.map((a) => `${catalogue[a].route.method} ${catalogue[a].route.path}`));
    expect([
      ...ACTIONS.filter((a) => !routes.has(`${catalogue[a].route.method} ${catalogue[a].route.path}`)).map(
        (a) => `action '${a}' has no route ${catalogue[a].route.method} ${catalogue[a].route.path}`,
      ),
      ...[...routes.keys()].filter((r) => !served.has(r)).map((r) => `route ${r} is no action's`),
    ]).toEqual([]);
  });

  it('validates every action with a DTO whose fields are the catalogue’s', () => {
    expect(
      ACTIONS.flatMap((a) => {
        const handler = routes.get(`${catalogue[a].route.method} ${catalogue[a].route.path}`);
        return handler ? dtoProblems(a, handler) : [];
      }),
    ).toEqual([]);
  });

  it('gives every action a UI form with the catalogue’s fields', () => {
    expect(ACTIONS.flatMap(formProblems)).toEqual([]);
    expect(Object.keys(ACTION_FIELDS).filter((a) => !(a in catalogue))).toEqual([]);
  });

  it('names every action, its fields and its choices in both languages', () => {
    expect(ACTIONS.flatMap((a) => missingLabels(`action '${a}'`, actionLabels(a)))).toEqual([]);
  });

  it('names every event type in both languages', () => {
    expect(RECOMMENDATION_EVENT_TYPES.flatMap((e) => missingLabels(`event '${e}'`, [`event.${e}`]))).toEqual(
      [],
    );
  });

  it('tells someone of every event type, or says why it stays silent', () => {
    expect(
      RECOMMENDATION_EVENT_TYPES.filter((type) => {
        const rule = events[type];
        return 'silent' in rule ? rule.silent.trim().length < 20 : rule.audiences.length === 0;
      }).map((type) => `event '${type}' has neither a notification rule nor a reason to be silent`),
    ).toEqual([]);
  });
});
