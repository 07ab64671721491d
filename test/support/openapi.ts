/** The parts of the application's OpenAPI document that tests read. */
export interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  nullable?: boolean;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface OperationObject {
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema: Schema }> };
}

export interface OpenApiDocument {
  paths: Record<string, Record<string, OperationObject>>;
  components?: { schemas?: Record<string, Schema> };
}

/** One method on one path, as the document describes it. */
export interface Operation {
  /** `METHOD /path/:param`, as the router names it. */
  route: string;
  method: string;
  /** The path with `{param}` placeholders, as the document writes it. */
  template: string;
  /** The placeholders of the template, in order. */
  pathParams: string[];
  /** The path parameters the document declares; a true document declares every placeholder. */
  declaredPathParams: string[];
  query: { name: string; required: boolean; schema: Schema }[];
  /** The request headers it declares, each name once. */
  headers: string[];
  /** The JSON body's schema, its `$ref`s resolved. */
  body?: Schema;
}

/** Every operation of the document; a route added to the API appears here without a test naming it. */
export function operationsOf(document: OpenApiDocument): Operation[] {
  return Object.entries(document.paths).flatMap(([template, methods]) =>
    Object.entries(methods).map(([method, op]) => {
      const pathParams = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const parameters = op.parameters ?? [];
      const body = op.requestBody?.content['application/json']?.schema;
      return {
        route: `${method.toUpperCase()} ${template.replace(/\{([^}]+)\}/g, ':$1')}`,
        method: method.toUpperCase(),
        template,
        pathParams,
        declaredPathParams: parameters.filter((p) => p.in === 'path').map((p) => p.name),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, required: p.required ?? false, schema: p.schema ?? {} })),
        headers: [...new Set(parameters.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase()))],
        body: body ? resolveRefs(document, body) : undefined,
      };
    }),
  );
}

/** The schema with every `$ref` replaced by the component it names (the API's DTOs are not recursive). */
function resolveRefs(document: OpenApiDocument, schema: Schema): Schema {
  if (schema.$ref) {
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = document.components?.schemas?.[name];
    if (!target) throw new Error(`the document has no schema ${name}`);
    return resolveRefs(document, target);
  }
  return {
    ...schema,
    ...(schema.items ? { items: resolveRefs(document, schema.items) } : {}),
    ...(schema.properties
      ? {
          properties: Object.fromEntries(
            Object.entries(schema.properties).map(([k, v]) => [k, resolveRefs(document, v)]),
          ),
        }
      : {}),
  };
}
